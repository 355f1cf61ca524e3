package dev.arrears.audit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import dev.arrears.audit.domain.ChainKey;
import dev.arrears.audit.persistence.AuditStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail against the embedded PostgreSQL: concurrent appends seal into a chain that verifies, entries roll
 * back with their transaction, the trigger refuses changes, and a changed, deleted or reordered sealed row is found
 * at its position. Tampering happens inside a transaction that is rolled back (with triggers off for that
 * transaction only), and the walk runs in that same transaction, so the shared database's chain is never broken.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AuditTrailIntegrationTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditStore store;
    @Autowired
    ChainKey key;
    @Autowired
    Clock clock;

    final String subject = "t-" + UUID.randomUUID().toString().substring(0, 8);

    AuditRecord record(int n) {
        return new AuditRecord(AuditKind.FLAG_CHANGED, "li.wei", "customer", subject,
                Map.of("flag", "DISPUTE_OPEN", "n", n), null);
    }

    long count(String subjectId) {
        return jdbc.sql("select count(*) from audit_entry where subject_type = 'customer' and subject_id = ?")
                .param(subjectId).query(Long.class).single();
    }

    /** Seals, then returns the positions of this test's entries in order. */
    List<Long> sealedPositions() {
        trail.seal();
        return jdbc.sql("select position from audit_entry where subject_id = ? order by position")
                .param(subject).query(Long.class).list();
    }

    /** Runs the tampering with triggers off in a transaction that is rolled back, and returns the walk inside it. */
    AuditVerification tampered(Consumer<JdbcClient> tampering) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return tx.execute(status -> {
            status.setRollbackOnly();
            // the table owner may switch its triggers off (a superuser could also use session_replication_role);
            // rolled back with the transaction
            jdbc.sql("alter table audit_entry disable trigger user").update();
            tampering.accept(jdbc);
            return trail.walk();
        });
    }

    @Test
    void concurrentAppends_sealIntoOneChainThatVerifies() throws Exception {
        int threads = 4;
        int transactionsPerThread = 25;
        TransactionTemplate tx = new TransactionTemplate(transactions);
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(() -> {
                for (int i = 0; i < transactionsPerThread; i++) {
                    int n = thread * 1000 + i;
                    // one entry, or three at once, in the writer's own transaction
                    tx.executeWithoutResult(s -> {
                        if (n % 2 == 0) {
                            trail.record(record(n));
                        } else {
                            trail.recordAll(List.of(record(n), record(n + 100), record(n + 200)));
                        }
                    });
                    if (i % 10 == 0) {
                        trail.seal();
                    }
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
            List<Future<Void>> futures = pool.invokeAll(work);
            for (Future<Void> f : futures) {
                f.get();
            }
        }
        long expected = threads * (transactionsPerThread / 2 + 1L + (transactionsPerThread / 2) * 3L);
        assertThat(count(subject)).isEqualTo(expected);
        AuditVerification verification = trail.verify();
        assertThat(verification.ok()).as(verification.toString()).isTrue();
        assertThat(verification.brokenAt()).isNull();
        List<Long> positions = sealedPositions();
        assertThat(positions).hasSize((int) expected).doesNotHaveDuplicates().allMatch(p -> p > 0);
        assertThat(verification.entries()).isGreaterThanOrEqualTo(positions.getLast());
        assertThat(verification.line()).isEqualTo("audit entries=" + verification.entries() + " ok");
    }

    @Test
    void entries_rollBackWithTheirTransaction() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            trail.record(record(1));
            status.setRollbackOnly();
        });
        assertThat(count(subject)).isZero();
        tx.executeWithoutResult(status -> trail.record(record(2)));
        assertThat(count(subject)).isEqualTo(1);
    }

    @Test
    void recordOutsideATransaction_commitsInOneOfItsOwn() {
        trail.record(record(1).by(null));
        assertThat(jdbc.sql("select actor from audit_entry where subject_id = ?").param(subject)
                .query(String.class).single()).isEqualTo(AuditTrail.SYSTEM);
    }

    @Test
    void recordWithoutActor_isBySignedInUser() {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("zhao.lei", null, List.of()));
        try {
            trail.record(AuditRecord.of(AuditKind.APPROVAL, "customer", subject, Map.of("decision", "APPROVED")));
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(jdbc.sql("select actor from audit_entry where subject_id = ?").param(subject)
                .query(String.class).single()).isEqualTo("zhao.lei");
    }

    @Test
    void recordInAReadOnlyTransaction_takesIdsAndCommitsInOneOfItsOwn() {
        // a fresh façade holds no id block yet: the sequence must be read outside the read-only transaction
        AuditTrail fresh = new AuditTrail(store, key, clock, transactions);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(tx -> fresh.record(record(1)));
        assertThat(count(subject)).isEqualTo(1);
    }

    @Test
    void sealedEntries_getConsecutivePositionsAndStoredCanonicalDetails() {
        trail.recordAll(List.of(record(1), record(2)));
        List<Long> positions = sealedPositions();
        assertThat(positions).hasSize(2);
        AuditPage page = trail.entries(new AuditQuery(null, null, AuditKind.FLAG_CHANGED, "customer", subject, null,
                0, 10));
        assertThat(page.entries()).extracting(AuditEntryView::position).containsExactlyElementsOf(positions);
        assertThat(page.entries().getFirst().details()).isEqualTo("{\"flag\":\"DISPUTE_OPEN\",\"n\":1}");
        assertThat(page.entries().getFirst().link()).hasSize(64);
        assertThat(page.entries().getFirst().occurredAt()).isEqualTo("2026-11-23T04:00:00Z");
        assertThat(page.next()).isNull();
    }

    /** Asserts that the statement is refused by the append-only trigger. */
    static void refused(ThrowingCallable statement) {
        assertThatThrownBy(statement).isInstanceOf(DataIntegrityViolationException.class)
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void trigger_refusesChangingOrDeletingEntries() {
        trail.record(record(1));
        long position = sealedPositions().getFirst();
        refused(() -> jdbc.sql("update audit_entry set actor = 'mallory' where position = ?").param(position)
                .update());
        refused(() -> jdbc.sql("update audit_entry set position = position + 1000000 where position = ?")
                .param(position).update());
        refused(() -> jdbc.sql("update audit_entry set link = mac where position = ?").param(position).update());
        refused(() -> jdbc.sql("delete from audit_entry where position = ?").param(position).update());
        refused(() -> jdbc.sql("truncate audit_entry").update());
        // an unsealed entry may only be sealed: its content cannot change either
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            trail.record(record(2));
            refused(() -> jdbc.sql("update audit_entry set details = '{}' where subject_id = ? and position is null")
                    .param(subject).update());
        });
        assertThat(trail.verify().ok()).isTrue();
    }

    @Test
    void changedRow_isFoundAtItsPosition() {
        trail.recordAll(List.of(record(1), record(2), record(3)));
        long position = sealedPositions().get(1);
        AuditVerification broken = tampered(db -> db.sql("update audit_entry set details = ? where position = ?")
                .params("{\"flag\":\"DISPUTE_OPEN\",\"n\":99}", position).update());
        assertThat(broken.ok()).isFalse();
        assertThat(broken.brokenAt()).isEqualTo(position);
        assertThat(broken.line()).isEqualTo("audit broken at entry=" + position);
        assertThat(trail.verify().ok()).as("the tampering was rolled back").isTrue();
    }

    @Test
    void changedActorOrTime_isFoundAtItsPosition() {
        trail.recordAll(List.of(record(1), record(2)));
        long position = sealedPositions().get(0);
        assertThat(tampered(db -> db.sql("update audit_entry set actor = 'mallory' where position = ?")
                .param(position).update()).brokenAt()).isEqualTo(position);
        assertThat(tampered(db -> db.sql("update audit_entry set occurred_at = occurred_at + interval '1 microsecond' "
                + "where position = ?").param(position).update()).brokenAt()).isEqualTo(position);
    }

    @Test
    void deletedRow_isFoundAtTheMissingPosition() {
        trail.recordAll(List.of(record(1), record(2), record(3)));
        long position = sealedPositions().get(1);
        AuditVerification broken = tampered(db -> db.sql("delete from audit_entry where position = ?")
                .param(position).update());
        assertThat(broken.brokenAt()).isEqualTo(position);
    }

    @Test
    void reorderedPair_isFoundAtTheFirstOfThePair() {
        trail.recordAll(List.of(record(1), record(2), record(3)));
        List<Long> positions = sealedPositions();
        long first = positions.get(0);
        long second = positions.get(1);
        assertThat(second).isEqualTo(first + 1);
        AuditVerification broken = tampered(db -> {
            long aside = 9_000_000_000_000_000L;
            db.sql("update audit_entry set position = ? where position = ?").params(aside, first).update();
            db.sql("update audit_entry set position = ? where position = ?").params(first, second).update();
            db.sql("update audit_entry set position = ? where position = ?").params(second, aside).update();
        });
        assertThat(broken.brokenAt()).isEqualTo(first);
    }

    @Test
    void forgedUnsealedRow_isSealedAndThenFoundAtItsPosition() {
        // written straight into the table without the key: the sealer seals it, and the walk names it
        TransactionTemplate tx = new TransactionTemplate(transactions);
        AuditVerification broken = tx.execute(status -> {
            status.setRollbackOnly();
            long id = jdbc.sql("select nextval('audit_entry_ids')").query(Long.class).single();
            jdbc.sql("""
                    insert into audit_entry (id, occurred_at, kind, actor, subject_type, subject_id, details, mac)
                    values (?, now(), 'APPROVAL', 'boss', 'settlement', ?, '{}', ?)""")
                    .params(id, subject, new byte[32]).update();
            long position = jdbc.sql("select coalesce(max(position), 0) + 1 from audit_entry").query(Long.class)
                    .single();
            jdbc.sql("update audit_entry set position = ?, link = ? where id = ?").params(position, new byte[32], id)
                    .update();
            AuditVerification walk = trail.walk();
            assertThat(walk.brokenAt()).isEqualTo(position);
            return walk;
        });
        assertThat(broken.ok()).isFalse();
        assertThat(trail.verify().ok()).isTrue();
    }
}
