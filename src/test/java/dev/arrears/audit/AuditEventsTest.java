package dev.arrears.audit;

import dev.arrears.compliance.FlagChanged;
import dev.arrears.compliance.VerdictRecorded;
import dev.arrears.contact.ContactRecorded;
import dev.arrears.contact.TemplateChanged;
import dev.arrears.ledger.ContactPreferenceChanged;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.privacy.PersonalDataErased;
import dev.arrears.privacy.PersonalDataExported;
import dev.arrears.shared.Channel;
import dev.arrears.shared.PersonalDataRead;
import dev.arrears.strategy.Strategies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other modules' events become audit entries in the publishing transaction: verdicts, flags, strategy changes,
 * reads, exports and erasures of personal data, with ids and hashes only, and nothing when the transaction rolls back.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AuditEventsTest {

    private static final Instant AT = Instant.parse("2026-11-20T09:30:00.123456Z");

    @Autowired
    AuditTrail trail;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Strategies strategies;

    final long customer = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);

    void publishCommitted(Object event) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> events.publishEvent(event));
    }

    List<AuditEntryView> about(String type, String id) {
        return trail.entries(new AuditQuery(null, null, null, type, id, null, 0, 100)).entries();
    }

    @Test
    void verdict_isRecordedOnItsAccountWithRulesAndRequestHash() {
        long account = customer + 1;
        publishCommitted(new VerdictRecorded(77, account, customer, "job-9", "US-REGF", Channel.CALL, Decision.DEFER,
                List.of("US-REGF/contact-window"), "ab".repeat(32), AT));
        List<AuditEntryView> entries = about("account", Long.toString(account));
        assertThat(entries).hasSize(1);
        AuditEntryView e = entries.getFirst();
        assertThat(e.kind()).isEqualTo("CONTACT_VERDICT");
        assertThat(e.actor()).isEqualTo(AuditTrail.SYSTEM);
        assertThat(e.occurredAt()).isEqualTo(AT);
        assertThat(e.details()).isEqualTo("{\"accountId\":" + account + ",\"channel\":\"CALL\","
                + "\"contactKey\":\"job-9\","
                + "\"customerId\":" + customer + ",\"decision\":\"DEFER\",\"profile\":\"US-REGF\","
                + "\"requestSha256\":\"" + "ab".repeat(32) + "\",\"rules\":[\"US-REGF/contact-window\"],"
                + "\"verdictId\":77}");
    }

    @Test
    void flagsReadsExportsAndErasures_areRecordedOnTheCustomer() {
        publishCommitted(new FlagChanged(customer, Flag.DISPUTE_OPEN, "A-1", true, "li.wei", AT));
        publishCommitted(new PersonalDataRead(customer, "wang.fang", "account page", AT));
        publishCommitted(new PersonalDataExported(customer, "admin", "cd".repeat(32), AT));
        publishCommitted(new PersonalDataErased(customer, "admin", "GDPR art. 17 request from 张伟", AT));
        List<AuditEntryView> entries = about("customer", Long.toString(customer));
        assertThat(entries).extracting(AuditEntryView::kind).containsExactly("FLAG_CHANGED", "PERSONAL_DATA_READ",
                "PERSONAL_DATA_EXPORTED", "PERSONAL_DATA_ERASED");
        assertThat(entries).extracting(AuditEntryView::actor).containsExactly("li.wei", "wang.fang", "admin", "admin");
        assertThat(entries.get(0).details()).isEqualTo("{\"debtId\":\"A-1\",\"flag\":\"DISPUTE_OPEN\",\"set\":true}");
        assertThat(entries.get(1).details()).isEqualTo("{\"where\":\"account page\"}");
        assertThat(entries.get(2).details()).isEqualTo("{\"exportSha256\":\"" + "cd".repeat(32) + "\"}");
        // the reason is free text and may name the customer: only its hash is kept
        assertThat(entries.get(3).details()).startsWith("{\"reasonSha256\":\"").doesNotContain("张伟");
    }

    @Test
    void contactPreferenceChange_isRecordedWithTheAddressHashOnly() {
        publishCommitted(new ContactPreferenceChanged(customer, Channel.EMAIL, "ef".repeat(32), true,
                ContactPreferenceChanged.Source.EMAIL_LINK, "customer", AT));
        List<AuditEntryView> entries = about("customer", Long.toString(customer));
        assertThat(entries).extracting(AuditEntryView::kind).containsExactly("CONTACT_PREFERENCE_CHANGED");
        assertThat(entries.getFirst().details()).isEqualTo("{\"addressSha256\":\"" + "ef".repeat(32)
                + "\",\"channel\":\"EMAIL\",\"optedOut\":true,\"source\":\"EMAIL_LINK\"}");
    }

    @Test
    void contactsAndTemplateChanges_areRecordedWithIdsOnly() {
        long account = customer + 2;
        publishCommitted(new ContactRecorded(501, customer, account, Channel.SMS, "SENT", "planned-action:9", 77L, AT));
        publishCommitted(new TemplateChanged("overdue_notice-" + customer, Channel.SMS, 3,
                TemplateChanged.Change.ACTIVATED, "strategist", "ab".repeat(32), AT));

        List<AuditEntryView> contact = about("account", Long.toString(account));
        assertThat(contact).extracting(AuditEntryView::kind).containsExactly("CONTACT_ATTEMPT");
        assertThat(contact.getFirst().details()).isEqualTo("{\"attemptId\":501,\"channel\":\"SMS\",\"contactKey\":"
                + "\"planned-action:9\",\"customerId\":" + customer + ",\"kind\":\"SENT\",\"verdictId\":77}");
        List<AuditEntryView> template = about("template", "overdue_notice-" + customer + "/SMS");
        assertThat(template).extracting(AuditEntryView::kind, AuditEntryView::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TEMPLATE_CHANGED", "strategist"));
    }

    @Test
    void manyEventsInOneTransaction_areWrittenTogetherBeforeItCommits() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (int i = 0; i < 250; i++) {
                events.publishEvent(new ContactRecorded(i, customer, null, Channel.EMAIL, "SENT", "k-" + i, null, AT));
            }
            // gathered, not yet written: the entries go in with one statement just before the commit
            assertThat(about("customer", Long.toString(customer))).isEmpty();
        });
        assertThat(trail.entries(new AuditQuery(null, null, null, "customer", Long.toString(customer), null, 0,
                AuditQuery.MAX_LIMIT)).entries()).hasSize(250);
    }

    @Test
    void eventInATransactionThatRollsBack_leavesNoEntry() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            events.publishEvent(new FlagChanged(customer, Flag.HARDSHIP, null, true, "li.wei", AT));
            tx.setRollbackOnly();
        });
        assertThat(about("customer", Long.toString(customer))).isEmpty();
    }

    @Test
    void readInAReadOnlyTransaction_isRecordedInOneOfItsOwn() {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(tx -> events.publishEvent(new PersonalDataRead(customer, "wang.fang",
                "GET /api/v1/customers/{id}", AT)));
        assertThat(about("customer", Long.toString(customer))).extracting(AuditEntryView::kind)
                .containsExactly("PERSONAL_DATA_READ");
    }

    @Test
    void strategyVersionCreatedActivatedAndRolledBack_areRecordedWithTheDocumentHash() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String document = """
                strategy: %s
                description: "audit test, touching no real account"
                priority: 5
                appliesTo: "account.currency == 'XTS'"
                segments:
                  - name: all
                    ladder:
                      - { at: "due+%dd", action: SMS, template: overdue_notice }
                """;
        strategies.createVersion(document.formatted(name, 1), "li.wei");
        strategies.createVersion(document.formatted(name, 2), "li.wei");
        strategies.activate(name, 1, "wang.fang");
        strategies.activate(name, 2, "wang.fang");
        strategies.rollback(name, "wang.fang");
        List<AuditEntryView> entries = about("strategy", name);
        assertThat(entries).extracting(AuditEntryView::kind).containsOnly("STRATEGY_CHANGED");
        assertThat(entries).extracting(AuditEntryView::actor)
                .containsExactly("li.wei", "li.wei", "wang.fang", "wang.fang", "wang.fang");
        assertThat(entries).extracting(e -> e.details().replaceAll("\"yamlSha256\":\"[0-9a-f]{64}\"", "H"))
                .containsExactly("{\"change\":\"CREATED\",\"version\":1,H}", "{\"change\":\"CREATED\",\"version\":2,H}",
                        "{\"change\":\"ACTIVATED\",\"version\":1,H}", "{\"change\":\"ACTIVATED\",\"version\":2,H}",
                        "{\"change\":\"ROLLED_BACK\",\"version\":1,H}");
        assertThat(entries.get(0).details()).isEqualTo(entries.get(2).details().replace("ACTIVATED", "CREATED"));
    }
}
