package dev.arrears.privacy;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.CustomerRecordsView;
import dev.arrears.ledger.Views.ErasureView;
import dev.arrears.privacy.domain.PersonalDataMask;
import dev.arrears.shared.AddressDigest;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.PersonalDataRead;
import dev.arrears.shared.PersonalDataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Personal data rights over one customer, for administrators (the web layer checks the role; the CLI runs as the
 * operator). {@link #export} gathers everything Arrears holds about the customer (the ledger's records and every
 * {@link PersonalDataSource}'s section) in one consistent snapshot, as JSON bytes whose SHA-256 is announced with
 * {@link PersonalDataExported} (and the read with {@link PersonalDataRead}) in a transaction of its own, since the
 * snapshot is read-only. {@link #erase} replaces the customer's personal data in the ledger and every source
 * in one transaction and announces {@link PersonalDataErased}; a second erasure changes nothing and announces
 * nothing. What is kept and why is in docs/privacy.md.
 */
@Service
public class PersonalData {

    /** Longest erasure reason, in characters. */
    static final int REASON_MAX = 500;

    private final Ledger ledger;
    private final List<PersonalDataSource> sources;
    private final JsonMapper json;
    private final TransactionTemplate writes;
    private final TransactionTemplate snapshot;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PersonalData(Ledger ledger, List<PersonalDataSource> sources, JsonMapper json,
                 PlatformTransactionManager transactions, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.sources = List.copyOf(sources);
        this.json = json;
        this.writes = new TransactionTemplate(transactions);
        // One snapshot for every read of an export, so that its parts agree with each other.
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.events = events;
        this.clock = clock;
        Set<String> names = new HashSet<>();
        for (PersonalDataSource source : this.sources) {
            if (!names.add(source.name())) {
                throw new IllegalStateException("Two personal data sources are named '" + source.name() + "'");
            }
        }
    }

    /**
     * Exports everything held about the customer with this external reference (404 for an unknown one) as
     * indented JSON, and announces the read and the export by {@code actor} ({@code where}: endpoint or command).
     */
    public PersonalDataExport export(String externalRef, String actor, String where) {
        Instant at = clock.instant();
        PersonalDataExport export = snapshot.execute(status -> {
            CustomerRecordsView records = ledger.customerRecords(externalRef)
                    .orElseThrow(() -> unknown(externalRef));
            long customerId = records.customer().id();
            Map<String, Object> sections = new LinkedHashMap<>();
            sources.stream().sorted(Comparator.comparing(PersonalDataSource::name))
                    .forEach(source -> sections.put(source.name(), source.export(customerId)));
            byte[] bytes = json.writer().with(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(ExportDocument.of(records, sections, at));
            return new PersonalDataExport(customerId, externalRef, bytes, AddressDigest.sha256Hex(bytes));
        });
        // Announced in a read-write transaction of its own: listeners may record it there or after its commit.
        writes.executeWithoutResult(status -> {
            events.publishEvent(new PersonalDataRead(export.customerId(), actor, where, at));
            events.publishEvent(new PersonalDataExported(export.customerId(), actor, export.sha256(), at));
        });
        return export;
    }

    /**
     * Erases the personal data of the customer with this external reference (404 for an unknown one; 400 naming
     * {@code /reason} when the reason is blank or too long): in the ledger and in every source, in one transaction,
     * announced with the reason masked of phone numbers, e-mail addresses and ids. Erasing an erased customer
     * returns the first erasure with {@code erasedNow} false, and writes and announces nothing.
     */
    public ErasureView erase(String externalRef, String reason, String actor) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException(FieldError.at("/reason",
                    "is required: say why the data is erased (the customer's request, the law that requires it)"));
        }
        if (why.length() > REASON_MAX) {
            throw new InvalidInputException(FieldError.at("/reason",
                    "is " + why.length() + " characters long; at most " + REASON_MAX + " are kept"));
        }
        return writes.execute(status -> {
            ErasureView erasure = ledger.erasePersonalData(externalRef);
            if (!erasure.erasedNow()) {
                return erasure;
            }
            for (PersonalDataSource source : sources) {
                source.erase(erasure.customerId());
            }
            events.publishEvent(new PersonalDataErased(erasure.customerId(), actor, PersonalDataMask.mask(why),
                    erasure.erasedAt()));
            return erasure;
        });
    }

    private static NotFoundException unknown(String externalRef) {
        return new NotFoundException("No customer with external reference '"
                + (externalRef.length() > 100 ? externalRef.substring(0, 100) + "…" : externalRef) + "'");
    }
}
