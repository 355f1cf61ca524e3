package dev.arrears.audit;

import dev.arrears.audit.domain.CanonicalJson;
import dev.arrears.audit.domain.Chain;
import dev.arrears.audit.domain.ChainKey;
import dev.arrears.audit.domain.ChainWalk;
import dev.arrears.audit.domain.EntryContent;
import dev.arrears.audit.persistence.AuditStore;
import dev.arrears.audit.persistence.AuditStore.SealedRow;
import dev.arrears.audit.persistence.AuditStore.UnsealedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail's façade. {@link #record} and {@link #recordAll} append entries unsealed inside the caller's
 * transaction (so an entry commits or rolls back with the change it records; without a writable transaction they
 * get one of their own), computing each entry's HMAC on the way in; appending takes no lock shared by writers.
 * {@link #seal} gives committed entries their positions and links, one sealer at a time across nodes, in batches;
 * a schedule calls it about every second, and reads and verifications call it first. {@link #verify} walks the
 * whole chain, streamed. Sealing stops, loudly, when the last sealed entry does not verify under the configured
 * key (a wrong key, or tampering at the end of the chain), so that a wrong key never extends the chain.
 */
@Service
public class AuditTrail {

    /** The actor of entries that no signed-in user caused. */
    public static final String SYSTEM = "system";
    /** Entries sealed per statement round trip. */
    static final int SEAL_BATCH = 5_000;

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditStore store;
    private final ChainKey key;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate reading;
    private long nextId;
    private long blockEnd;
    private volatile long haltedAt;

    AuditTrail(AuditStore store, ChainKey key, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.key = key;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.reading.setReadOnly(true);
    }

    /** Appends one entry in the caller's transaction (or one of its own). */
    public void record(AuditRecord record) {
        recordAll(List.of(record));
    }

    /** Appends entries in one statement, in the caller's transaction (or one of their own). */
    public void recordAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            append(records);
        } else {
            // a read-only transaction cannot even take ids from the sequence: the entries get one of their own
            ownTransaction.executeWithoutResult(tx -> append(records));
        }
    }

    private void append(List<AuditRecord> records) {
        String signedIn = currentActor();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long[] ids = ids(records.size());
        Chain chain = new Chain(key);
        List<EntryContent> entries = new ArrayList<>(records.size());
        List<byte[]> macs = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            AuditRecord r = records.get(i);
            Instant at = r.occurredAt() == null ? now : r.occurredAt().truncatedTo(ChronoUnit.MICROS);
            EntryContent entry = new EntryContent(ids[i], at, r.kind().name(),
                    EntryContent.clean(r.actor() == null ? signedIn : r.actor()), r.subjectType(),
                    EntryContent.clean(r.subjectId()), CanonicalJson.write(r.details()));
            entries.add(entry);
            macs.add(chain.entryMac(entry));
        }
        store.insert(entries, macs);
    }

    /** Returns the name of the signed-in user, or {@value #SYSTEM} when none is. */
    public static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth.getName() == null || auth.getName().isBlank()) {
            return SYSTEM;
        }
        String name = auth.getName();
        return name.length() > AuditRecord.MAX_TEXT ? name.substring(0, AuditRecord.MAX_TEXT) : name;
    }

    /**
     * Returns a keyed fingerprint of a value that must not be stored but may have to be matched later (a phone
     * number, an attempted user name): the same value always gives the same fingerprint, and only a holder of the
     * audit key can test a guess.
     */
    public String fingerprint(String value) {
        return new Chain(key).fingerprint(value);
    }

    /** Seals every committed unsealed entry, waiting for another sealer to finish first; returns how many it sealed. */
    public long seal() {
        return seal(true);
    }

    /** Seals committed entries in batches, each in a transaction of its own; without {@code wait}, skips when busy. */
    long seal(boolean wait) {
        long total = 0;
        while (true) {
            Integer sealed = ownTransaction.execute(tx -> sealBatch(wait));
            if (sealed == null || sealed <= 0) {
                return total;
            }
            total += sealed;
            if (sealed < SEAL_BATCH) {
                return total;
            }
        }
    }

    /** Seals up to one batch under the sealing lock; returns the number sealed, or -1 when it could not seal. */
    private int sealBatch(boolean wait) {
        if (!store.lockSealing(wait)) {
            return -1;
        }
        Chain chain = new Chain(key);
        byte[] previous = Chain.GENESIS;
        long position = 0;
        List<SealedRow> last = store.lastSealed(2);
        if (!last.isEmpty()) {
            SealedRow head = last.getFirst();
            if (!headVerifies(chain, head, last.size() > 1 ? last.get(1) : null)) {
                halt(head.position());
                return -1;
            }
            previous = head.link();
            position = head.position();
        }
        if (haltedAt != 0) {
            log.info("The audit chain's last entry verifies again: sealing resumes");
            haltedAt = 0;
        }
        List<UnsealedRow> batch = store.unsealed(SEAL_BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        long[] ids = new long[batch.size()];
        long[] positions = new long[batch.size()];
        byte[][] links = new byte[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            UnsealedRow row = batch.get(i);
            if (!MessageDigest.isEqual(row.mac(), chain.entryMac(row.content()))) {
                // sealed all the same, so that verification points at it: it was written or changed without the key
                log.error("Audit entry id={} has a MAC that does not match its content: it was written or changed "
                        + "without the audit key (or by a node with another key); it is sealed at position {} and "
                        + "verification will report it", row.content().id(), position + 1);
            }
            position++;
            ids[i] = row.content().id();
            positions[i] = position;
            links[i] = chain.link(previous, position, row.mac());
            previous = links[i];
        }
        int sealed = store.seal(ids, positions, links);
        if (sealed != batch.size()) {
            throw new IllegalStateException("sealed " + sealed + " of " + batch.size() + " audit entries; rolled back");
        }
        return sealed;
    }

    /** Returns true when the last sealed entry follows from the one before it under the configured key. */
    private static boolean headVerifies(Chain chain, SealedRow head, SealedRow before) {
        byte[] previous;
        if (head.position() == 1) {
            previous = Chain.GENESIS;
        } else if (before != null && before.position() == head.position() - 1) {
            previous = before.link();
        } else {
            return false;
        }
        return MessageDigest.isEqual(head.mac(), chain.entryMac(head.content()))
                && MessageDigest.isEqual(head.link(), chain.link(previous, head.position(), head.mac()));
    }

    private void halt(long position) {
        if (haltedAt != position) {
            haltedAt = position;
            log.error("The audit chain's last sealed entry (position {}) does not verify under the configured audit "
                    + "key: either the key is not the one the chain was sealed with (ARREARS_AUDIT_KEY) or the end of "
                    + "the chain was altered. Sealing is stopped; new entries are kept unsealed. Run "
                    + "'./arrears audit verify'.", position);
        }
    }

    /** Seals what is pending, then walks the whole chain in position order and reports the first entry that fails. */
    public AuditVerification verify() {
        seal();
        return reading.execute(tx -> walk());
    }

    /** Walks the sealed chain in the current transaction (or a read-only one of its own) without sealing first. */
    AuditVerification walk() {
        ChainWalk walk = new ChainWalk(key);
        store.walk(walk::accept);
        return new AuditVerification(walk.entries(), walk.ok(), walk.ok() ? null : walk.brokenAt(),
                Chain.hex(walk.head()));
    }

    /** Seals what is pending, then returns a page of sealed entries, oldest first. */
    public AuditPage entries(AuditQuery query) {
        seal();
        List<AuditEntryView> entries = store.find(query);
        Long next = entries.size() == query.limit() ? entries.getLast().position() : null;
        return new AuditPage(entries, next);
    }

    /** Returns n entry ids, taking a new block from the database when this node's block runs out. */
    private synchronized long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            if (nextId == blockEnd) {
                nextId = store.reserveIdBlock();
                blockEnd = nextId + AuditStore.ID_BLOCK;
            }
            ids[i] = nextId++;
        }
        return ids;
    }
}
