package dev.arrears.arrangement;

import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.CycleStep;
import dev.arrears.cycle.Cycles;
import dev.arrears.cycle.persistence.AccountReader;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Promises to pay over real HTTP on accounts with an open case: taking one pauses the ladder, a payment that covers
 * it keeps it, the cycle's step breaks an unpaid one after its grace days (and the cycle then counts it in
 * {@code history.brokenPromises90d}), a user cancels one; bad input is a 400 problem naming each field, a second
 * active promise a 409. The test clock stands at 2026-11-23T04:00:00Z (noon in Shanghai).
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromisesApiTest {

    private static final String USER = "promises-api-test";
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    Promises promises;
    @Autowired
    DataSource dataSource;
    @Autowired
    ApplicationContext context;

    Api api;

    @BeforeEach
    void user() {
        api = new Api(port, jdbc, encoder, ledger, cycles, USER, "COLLECTOR");
    }

    /** Opens an account owing 300.00 CNY since 2026-11-01 with its case open; returns its id. */
    private long account(String ref) {
        long id = api.account(ref, 30_000);
        assertThat(api.openCase(id)).as("the shipped strategies open a case").isNotNull();
        return id;
    }

    private CaseView openCase(long accountId) {
        return api.openCase(accountId);
    }

    private void pay(String ref, long minor, String payRef) {
        api.pay(ref, minor, payRef, Instant.parse("2026-11-23T04:00:00Z"));
    }

    Api.Response get(String path) {
        return api.get(USER, path);
    }

    Api.Response post(String path, String json) {
        return api.post(USER, path, json);
    }

    @Test
    void promiseTaken_pausesTheLadderAndAPaymentThatCoversItKeepsIt() {
        long a = account("K");
        Api.Response taken = post("/api/v1/accounts/" + a + "/promises",
                "{\"amount\":\"120.00\",\"currency\":\"CNY\",\"date\":\"2026-11-27\",\"channel\":\"call\","
                        + "\"note\":\"发薪日还款\"}");
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(taken.json().get("state").asString()).isEqualTo("ACTIVE");
        assertThat(taken.json().get("amount").asString()).isEqualTo("120.00");
        assertThat(taken.json().get("channel").asString()).isEqualTo("CALL");
        assertThat(taken.json().get("takenBy").asString()).isEqualTo(USER);
        assertThat(taken.json().get("graceDays").asInt()).isEqualTo(2);
        assertThat(taken.json().get("caseId").asLong()).isEqualTo(openCase(a).id());
        assertThat(openCase(a).promiseActive()).isTrue();
        long id = taken.json().get("id").asLong();

        pay("K", 5_000, "P1"); // 50.00 of 120.00: still active, the progress recorded
        Api.Response partly = get("/api/v1/accounts/" + a + "/promises/" + id);
        assertThat(partly.json().get("state").asString()).isEqualTo("ACTIVE");
        assertThat(partly.json().get("paid").asString()).isEqualTo("50.00");

        pay("K", 7_000, "P2"); // 120.00 in all: kept at once, the ladder free to go on for the 180.00 still overdue
        Api.Response kept = get("/api/v1/accounts/" + a + "/promises");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().get(0).get("state").asString()).as(kept.toString()).isEqualTo("KEPT");
        assertThat(kept.json().get(0).get("paid").asString()).isEqualTo("120.00");
        assertThat(kept.json().get(0).get("endedOn").asString()).isEqualTo("2026-11-23");
        assertThat(openCase(a).promiseActive()).isFalse();
        assertThat(jdbc.sql("select string_agg(details::json ->> 'state', ',' order by id) from audit_entry"
                        + " where kind = 'PROMISE_CHANGED' and subject_id = ?")
                .param(Long.toString(a)).query(String.class).single()).isEqualTo("ACTIVE,KEPT");
    }

    @Test
    void unpaidPromise_isBrokenByTheCycleStepAfterItsGraceDaysAndCounted() throws Exception {
        long a = account("B");
        PromiseView taken = promises.take(a, new Promises.TakePromise(10_000, "CNY", TODAY.plusDays(1),
                PromiseView.PromiseChannel.PORTAL, null, false), "customer");
        assertThat(context.getBeansOfType(CycleStep.class)).containsValue(promises);

        promises.beforeCycle(TODAY.plusDays(3)); // promised 11-24, two days of grace: still time on 11-26
        assertThat(promises.promise(taken.id()).orElseThrow().state()).isEqualTo("ACTIVE");
        assertThat(brokenPromises90d(a, TODAY.plusDays(3))).isZero();

        promises.beforeCycle(TODAY.plusDays(4));
        PromiseView broken = promises.promise(taken.id()).orElseThrow();
        assertThat(broken.state()).isEqualTo("BROKEN");
        assertThat(broken.endedOn()).isEqualTo(TODAY.plusDays(4));
        assertThat(broken.endReason()).contains("by 2026-11-26");
        assertThat(openCase(a).promiseActive()).isFalse();
        assertThat(brokenPromises90d(a, TODAY.plusDays(4))).isEqualTo(1);
        assertThat(brokenPromises90d(a, TODAY.plusDays(94))).isZero();

        promises.beforeCycle(TODAY.plusDays(5)); // idempotent: nothing active, nothing changes
        assertThat(promises.promises(a)).singleElement().extracting(PromiseView::state).isEqualTo("BROKEN");
    }

    @Test
    void promiseTakenAtAPastInstant_isCheckedAgainstThatDay_andTheFutureIsRefused() {
        long a = account("PAST");
        Promises.TakePromise byTheTwelfth = new Promises.TakePromise(10_000, "CNY", LocalDate.of(2026, 11, 12),
                PromiseView.PromiseChannel.SMS, "demo replay", false);

        // on 20 October the bill (due 1 November) was not overdue yet: no promise was needed
        assertThatThrownBy(() -> promises.takeAt(a, byTheTwelfth, "demo", Instant.parse("2026-10-20T04:00:00Z")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::code).contains("problem.promise.nothingOverdue"));
        assertThatThrownBy(() -> promises.takeAt(a, byTheTwelfth, "demo", Instant.parse("2026-11-23T04:00:01Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(promises.promises(a)).isEmpty();

        // noon of 10 November in Shanghai: 12 November is two days on (today, the 23rd, it would be in the past)
        PromiseView taken = promises.takeAt(a, byTheTwelfth, "demo", Instant.parse("2026-11-10T04:00:00Z"));

        assertThat(taken.state()).isEqualTo("ACTIVE");
        assertThat(taken.takenOn()).isEqualTo(LocalDate.of(2026, 11, 10));
        assertThat(taken.takenAt()).isEqualTo(Instant.parse("2026-11-10T04:00:00Z"));
        assertThat(taken.takenBy()).isEqualTo("demo");
        assertThat(openCase(a).promiseActive()).isTrue();
    }

    private long brokenPromises90d(long accountId, LocalDate asOf) throws Exception {
        long[] count = {-1};
        try (Connection c = dataSource.getConnection()) {
            AccountReader.readAccounts(c, new long[] {accountId}, asOf, 7, true,
                    s -> count[0] = s.situation().facts().brokenPromises90d());
        }
        return count[0];
    }

    @Test
    void secondPromise_isAConflictUnlessItReplacesTheFirst_andCancelResumes() {
        long a = account("C");
        String body = "{\"amount\":\"100\",\"currency\":\"CNY\",\"date\":\"2026-11-30\"}";
        Api.Response first = post("/api/v1/accounts/" + a + "/promises", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Api.Response again = post("/api/v1/accounts/" + a + "/promises", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.pointers()).containsExactly("/replace");

        Api.Response replaced = post("/api/v1/accounts/" + a + "/promises",
                "{\"amount\":\"150.00\",\"currency\":\"CNY\",\"date\":\"2026-12-01\",\"replace\":true}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
        long firstId = first.json().get("id").asLong();
        assertThat(get("/api/v1/accounts/" + a + "/promises/" + firstId).json().get("state").asString())
                .isEqualTo("CANCELLED");
        assertThat(openCase(a).promiseActive()).isTrue();

        long id = replaced.json().get("id").asLong();
        Api.Response cancelled = post("/api/v1/accounts/" + a + "/promises/" + id + "/cancel",
                "{\"reason\":\"customer withdrew\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("endReason").asString()).isEqualTo("customer withdrew");
        assertThat(openCase(a).promiseActive()).isFalse();
        assertThat(post("/api/v1/accounts/" + a + "/promises/" + id + "/cancel", "{}").status()).isEqualTo(409);
        assertThat(post("/api/v1/accounts/" + (a + 100_000) + "/promises/" + id + "/cancel", "{}").status())
                .isEqualTo(404);
    }

    @Test
    void badInput_isA400ProblemNamingEachField() {
        long a = account("X");
        Api.Response empty = post("/api/v1/accounts/" + a + "/promises", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.pointers()).containsExactlyInAnyOrder("/currency", "/amount", "/date");

        Api.Response malformed = post("/api/v1/accounts/" + a + "/promises",
                "{\"amount\":\"12.345\",\"currency\":\"CNY\",\"date\":\"27/11/2026\",\"channel\":\"FAX\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.pointers()).containsExactlyInAnyOrder("/amount", "/date", "/channel");

        Api.Response rules = post("/api/v1/accounts/" + a + "/promises",
                "{\"amount\":\"99.00\",\"currency\":\"USD\",\"date\":\"2026-11-20\"}");
        assertThat(rules.status()).isEqualTo(400);
        assertThat(rules.pointers()).containsExactlyInAnyOrder("/currency", "/date");
        assertThat(rules.text()).contains("2026-11-23");

        Api.Response tooFar = post("/api/v1/accounts/" + a + "/promises",
                "{\"amount\":\"10.00\",\"currency\":\"CNY\",\"date\":\"2027-01-31\"}");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.pointers()).containsExactly("/date");

        assertThat(post("/api/v1/accounts/abc/promises", "{}").status()).isEqualTo(400);
        assertThat(post("/api/v1/accounts/999999999/promises",
                "{\"amount\":\"10.00\",\"currency\":\"CNY\",\"date\":\"2026-11-25\"}").status()).isEqualTo(404);
        assertThat(get("/api/v1/accounts/" + a + "/promises").json()).isEmpty();
    }
}
