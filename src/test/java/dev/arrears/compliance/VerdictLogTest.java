package dev.arrears.compliance;

import dev.arrears.compliance.ComplianceViews.VerdictPage;
import dev.arrears.compliance.ComplianceViews.VerdictView;
import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.RequestDigest;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict log against the embedded database: one verdict and batches stored with their events, every check of
 * one contact kept, reads newest first and paged, and nothing left after the caller's transaction rolls back.
 */
@Tag("integration")
@SpringBootTest
@RecordApplicationEvents
class VerdictLogTest {

    private static final Logger log = LoggerFactory.getLogger(VerdictLogTest.class);
    private static final Instant AT = Instant.parse("2026-11-23T03:59:58Z");

    @Autowired
    VerdictLog verdicts;
    @Autowired
    ApplicationEvents events;
    @Autowired
    TransactionTemplate transactions;

    /** Ids far above anything the ledger tests create, so that reads by them see this test's rows only. */
    private static long freshId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    private static ContactRequest request(Channel channel, String debtId, Instant at) {
        return new ContactRequest("US-REGF", channel, at, Purpose.COLLECT, debtId, null, null, null, false, null,
                null, null);
    }

    private static Verdict defer(Instant notBefore) {
        return new Verdict(Decision.DEFER, notBefore, List.of(new Reason("US-REGF/contact-window",
                "12 CFR 1006.6(b)(1)(i)", "before 08:00 in America/New_York")));
    }

    @Test
    void oneVerdict_isStoredAsEvaluatedAndAnnounced() {
        long account = freshId();
        long customer = freshId();
        ContactRequest request = request(Channel.CALL, Long.toString(account), AT);
        Verdict verdict = defer(Instant.parse("2026-11-23T13:00:00Z"));

        long id = verdicts.record(VerdictEntry.of(account, customer, "job-1", "2026.1", request, verdict));

        VerdictView stored = verdicts.byCustomer(customer, 0, 10).items().getFirst();
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.accountId()).isEqualTo(account);
        assertThat(stored.contactKey()).isEqualTo("job-1");
        assertThat(stored.profile()).isEqualTo("US-REGF");
        assertThat(stored.profileVersion()).isEqualTo("2026.1");
        assertThat(stored.channel()).isEqualTo(Channel.CALL);
        assertThat(stored.purpose()).isEqualTo(Purpose.COLLECT);
        assertThat(stored.debtId()).isEqualTo(Long.toString(account));
        assertThat(stored.evaluatedAt()).isEqualTo(AT);
        assertThat(stored.verdict()).isEqualTo(verdict);
        assertThat(stored.requestSha256()).isEqualTo(RequestDigest.sha256(request));
        assertThat(stored.recordedAt()).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
        assertThat(events.stream(VerdictRecorded.class)).containsExactly(new VerdictRecorded(id, account, customer,
                "job-1", "US-REGF", Channel.CALL, Decision.DEFER, List.of("US-REGF/contact-window"),
                RequestDigest.sha256(request), AT));
    }

    @Test
    void everyCheckOfOneContact_isKept_newestFirst() {
        long account = freshId();
        ContactRequest early = request(Channel.SMS, null, AT);
        ContactRequest later = request(Channel.SMS, null, AT.plusSeconds(3600));

        long deferred = verdicts.record(VerdictEntry.of(account, null, "job-2", null, early,
                defer(AT.plusSeconds(3600))));
        long allowed = verdicts.record(VerdictEntry.of(account, null, "job-2", null, later, Verdict.ALLOW));

        VerdictPage page = verdicts.byAccount(account, 0, 10);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(VerdictView::id).containsExactly(allowed, deferred);
        assertThat(page.items()).extracting(v -> v.verdict().decision()).containsExactly(Decision.ALLOW,
                Decision.DEFER);
        assertThat(page.items().getFirst().verdict().reasons()).isEmpty();
    }

    @Test
    void batch_isStoredInOneCopyWithIdsInOrderAndOneEventEach() {
        long customer = freshId();
        List<VerdictEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Verdict verdict = i % 3 == 0 ? defer(AT.plusSeconds(i)) : i % 3 == 1 ? Verdict.ALLOW
                    : new Verdict(Decision.BLOCK, null, List.of(new Reason("CN-NIFA/third-party", "NIFA 2018, 7",
                    "tab\tand \"quotes\" and \\ backslash"), new Reason("CN-NIFA/dispute", "own rule", "ok")));
            entries.add(VerdictEntry.of(customer + i, customer, "job-" + i, "1",
                    request(Channel.EMAIL, Long.toString(customer + i), AT.plusSeconds(i)), verdict));
        }

        long[] ids = verdicts.recordAll(entries);

        assertThat(ids).hasSize(1_000);
        assertThat(Arrays.stream(ids).sorted().toArray()).isEqualTo(ids);
        assertThat(Arrays.stream(ids).distinct().count()).isEqualTo(1_000);
        assertThat(events.stream(VerdictRecorded.class).map(VerdictRecorded::verdictId).toList())
                .containsExactlyElementsOf(Arrays.stream(ids).boxed().toList());
        VerdictPage page = verdicts.byCustomer(customer, 0, 3);
        assertThat(page.total()).isEqualTo(1_000);
        assertThat(page.items()).extracting(VerdictView::id).containsExactly(ids[999], ids[998], ids[997]);
        VerdictView blocked = verdicts.byAccount(customer + 2, 0, 1).items().getFirst();
        assertThat(blocked.id()).isEqualTo(ids[2]);
        assertThat(blocked.verdict()).isEqualTo(entries.get(2).verdict());
        assertThat(verdicts.byAccount(customer, 0, 1).items().getFirst().verdict().notBefore()).isEqualTo(AT);
    }

    @Test
    void callersRollback_leavesNoVerdict() {
        long account = freshId();

        transactions.executeWithoutResult(status -> {
            verdicts.record(VerdictEntry.of(account, null, "job-3", null, request(Channel.CALL, null, AT),
                    Verdict.ALLOW));
            status.setRollbackOnly();
        });

        assertThat(verdicts.byAccount(account, 0, 10).total()).isZero();
    }

    @Test
    void batchOfTenThousand_storesQuickly() {
        long customer = freshId();
        List<VerdictEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(VerdictEntry.of(customer + i, customer, "bench-" + i, "1",
                    request(Channel.SMS, null, AT), Verdict.ALLOW));
        }
        verdicts.recordAll(entries.subList(0, 100)); // warm up the statement and the COPY path

        long started = System.nanoTime();
        long[] ids = verdicts.recordAll(entries);
        double seconds = (System.nanoTime() - started) / 1e9;

        log.info("verdict log: {} verdicts in one batch in {} s, {} per second", ids.length,
                String.format("%.3f", seconds), Math.round(ids.length / seconds));
        assertThat(verdicts.byCustomer(customer, 0, 1).total()).isEqualTo(10_100);
        assertThat(seconds).isLessThan(10);
    }
}
