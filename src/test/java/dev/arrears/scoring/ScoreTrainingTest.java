package dev.arrears.scoring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.arrears.scoring.TrainingViews.DriftReport;
import dev.arrears.scoring.TrainingViews.SplitView;
import dev.arrears.scoring.TrainingViews.TrainedModel;
import dev.arrears.scoring.TrainingViews.TrainingReport;
import dev.arrears.scoring.persistence.ModelStore.ModelRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training on the portfolio's own history: a hand-built history of 300 accounts billed monthly from 2023-01-01
 * (earlier than any other test's bills, so the ledger's history starts there and the split is fixed: train as of
 * 2023-07-01, test as of 2023-11-01). A third of the accounts were late before each as-of date and most of them go
 * 30 days past due after it; a few of the others too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class ScoreTrainingTest {

    static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final String PASSWORD = "score-training-test-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The accounts of the history, built once per JVM (tests share one database). */
    private static List<Long> accounts;
    /** An account of the history that owes today, with a bill due in the next 10 days. */
    private static long dueSoon;

    @Autowired
    ScoreTraining training;
    @Autowired
    Scoring scoring;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void history() {
        for (String[] u : new String[][]{{"st-strategist", "STRATEGIST"}, {"st-collector", "COLLECTOR"}}) {
            jdbc.sql("""
                            insert into app_user (username, password_hash, roles, enabled, created_at)
                            values (?, ?, ?::text[], true, ?) on conflict (username) do nothing""")
                    .params(u[0], encoder.encode(PASSWORD), "{" + u[1] + "}", Timestamp.from(Instant.now())).update();
        }
        if (accounts != null) {
            return;
        }
        Histories h = new Histories(jdbc);
        Random random = new Random(7);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long account = h.account(h.customer("Asia/Shanghai"), i % 2 == 0 ? "TELECOM_POSTPAID" : "WALLET_CREDIT",
                    LocalDate.of(2022, 6, 1), null);
            ids.add(account);
            for (int m = 0; m < 13; m++) {
                LocalDate issued = FIRST.plusMonths(m);
                h.bill(account, issued, issued.plusDays(8), 10_000);
            }
            boolean risky = i % 3 == 0;
            if (risky) {
                // late before each as-of date: seen by the features of both sets
                h.episode(account, LocalDate.of(2023, 4, 10), LocalDate.of(2023, 4, 25), 16);
                h.episode(account, LocalDate.of(2023, 9, 10), LocalDate.of(2023, 9, 25), 16);
            }
            int badPercent = risky ? 70 : 8;
            if (random.nextInt(100) < badPercent) {
                // 30 days past due on 2023-08-08, inside the training labels (2023-07-01, 2023-08-30]
                h.episode(account, LocalDate.of(2023, 7, 10), LocalDate.of(2023, 8, 28), 50);
            }
            if (random.nextInt(100) < badPercent) {
                // 30 days past due on 2023-12-09, inside the test labels (2023-11-01, 2023-12-31]
                h.episode(account, LocalDate.of(2023, 11, 10), LocalDate.of(2023, 12, 29), 50);
            }
        }
        // one account owes today with a bill due in five days: the early warning's population
        dueSoon = ids.get(1);
        h.bill(dueSoon, TODAY.minusDays(3), TODAY.plusDays(5), 10_000);
        h.state(dueSoon, TODAY, 10_000);
        accounts = ids;
    }

    @AfterEach
    void retireModels() {
        // tests share the database: leave no trained model active for the next cycle run
        scoring.retire(Scoring.TARGET_DPD30);
        scoring.retire(Scoring.TARGET_MISS);
    }

    private SplitView split() {
        return ScoreTraining.split(FIRST, TODAY);
    }

    @Test
    void theSplit_trainsOnMonthSixAndTestsOnMonthTen_withTrainingLabelsEndingBeforeTheTestDate() {
        SplitView s = split();
        assertThat(s.trainAsOf()).isEqualTo(LocalDate.of(2023, 7, 1));
        assertThat(s.trainLabelsEnd()).isEqualTo(LocalDate.of(2023, 8, 30));
        assertThat(s.testAsOf()).isEqualTo(LocalDate.of(2023, 11, 1));
        assertThat(s.testLabelsEnd()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(s.trainLabelsEnd()).isBefore(s.testAsOf());
        // the ledger's own history starts with this test's bills
        assertThat(training.split().historyFrom()).isEqualTo(FIRST);
    }

    @Test
    void aHistoryTooShort_isRefusedWithTheMonthsNeededAndPresent() {
        assertThatThrownBy(() -> ScoreTraining.split(LocalDate.of(2026, 5, 1), TODAY))
                .isInstanceOf(TrainingRefused.class)
                .hasMessageContaining("runs from 2026-05-01 to 2026-11-23 (6 whole months)")
                .hasMessageContaining("needs 12 months, to 2027-04-30");
    }

    @Test
    void aSplitWhoseTrainingLabelsReachTheTestPeriod_isRefused() {
        SplitView overlapping = new SplitView(FIRST, TODAY, LocalDate.of(2023, 9, 15), LocalDate.of(2023, 11, 14),
                LocalDate.of(2023, 11, 1), LocalDate.of(2023, 12, 31));
        assertThatThrownBy(() -> training.train("dpd30", List.of("scorecard"), 1, false, "test", overlapping))
                .isInstanceOf(TrainingRefused.class).hasMessageContaining("reach past the test as-of date");
    }

    @Test
    void training_storesADraftWithItsMetricsSplitAndTrainer() throws Exception {
        TrainingReport report = training.train("dpd30", List.of("scorecard"), 1, false, "test-trainer", split());
        TrainedModel m = report.models().getFirst();
        assertThat(m.status()).isEqualTo("DRAFT");
        assertThat(m.kind()).isEqualTo("scorecard");
        assertThat(m.metrics().trainRows()).isGreaterThanOrEqualTo(300);
        assertThat(m.metrics().testRows()).isGreaterThanOrEqualTo(300);
        assertThat(m.metrics().trainBads()).isBetween(60, 120);
        // the risky third is told apart from the rest: AUC well above chance on the later period
        assertThat(m.metrics().auc()).isGreaterThan(0.75);
        assertThat(m.metrics().gini()).isEqualTo(2 * m.metrics().auc() - 1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.metrics().calibration()).hasSize(10);

        ModelRow row = training.models(Scoring.TARGET_DPD30).stream().filter(r -> r.id() == m.id()).findFirst()
                .orElseThrow();
        assertThat(row.status()).isEqualTo("DRAFT");
        assertThat(row.createdBy()).isEqualTo("test-trainer");
        assertThat(row.trainedOnAsOf()).isEqualTo(LocalDate.of(2023, 7, 1));
        JsonNode metrics = JSON.readTree(row.metrics());
        assertThat(metrics.get("auc").asDouble()).isEqualTo(m.metrics().auc());
        assertThat(metrics.get("split").get("trainLabelsEnd").asString()).isEqualTo("2023-08-30");
        assertThat(metrics.get("split").get("testAsOf").asString()).isEqualTo("2023-11-01");
        assertThat(metrics.get("calibration").size()).isEqualTo(10);
        assertThat(metrics.get("psi").get("features").has("timesDelinquent3m")).isTrue();
        assertThat(metrics.get("reference").get("scoreShares").size()).isGreaterThan(1);
        assertThat(ScoreTraining.metrics(row.metrics()).auc()).isEqualTo(m.metrics().auc());
    }

    @Test
    void bothKinds_areTrainedOnTheSameSetsAndOnlyTheScorecardIsActivated() {
        TrainingReport report = training.train("dpd30", ScoreTraining.KINDS, 1, true, "test", split());
        assertThat(report.models()).extracting(TrainedModel::kind).containsExactly("scorecard", "challenger");
        assertThat(report.models()).extracting(TrainedModel::status).containsExactly("ACTIVE", "DRAFT");
        assertThat(report.models().get(0).metrics().testRows()).isEqualTo(report.models().get(1).metrics().testRows());
        assertThat(report.models().get(1).metrics().auc()).isGreaterThan(0.7);
    }

    @Test
    void activating_retiresThePreviousModelIsAuditedAndTheNextRunUsesIt() {
        TrainingReport report = training.train("dpd30", ScoreTraining.KINDS, 1, false, "test", split());
        long first = report.models().get(0).id();
        long second = report.models().get(1).id();
        training.activate(first, "st-strategist");
        training.activate(second, "st-strategist");
        assertThat(status(first)).isEqualTo("RETIRED");
        assertThat(status(second)).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("""
                        select details from audit_entry where kind = 'SCORE_MODEL_ACTIVATED' and subject_id = ?""")
                .param(Long.toString(second)).query(String.class).single())
                .contains("\"previousModelId\":" + first).contains("\"kind\":\"challenger\"");

        scoring.scoreAll(TODAY);
        assertThat(jdbc.sql("select model_id from account_score where account_id = ?").param(dueSoon)
                .query(Long.class).single()).isEqualTo(second);
    }

    @Test
    void anActiveEarlyWarningModel_fillsTheMissRiskOfAnAccountWithABillDueSoon() {
        TrainingReport report = training.train("miss", List.of("scorecard"), 1, true, "test", split());
        TrainedModel m = report.models().getFirst();
        assertThat(m.target()).isEqualTo(Scoring.TARGET_MISS);
        assertThat(m.metrics().auc()).isGreaterThan(0.7);
        scoring.scoreAll(TODAY);
        Double missRisk = jdbc.sql("select miss_risk::float8 from account_score where account_id = ?")
                .param(dueSoon).query(Double.class).single();
        assertThat(missRisk).isNotNull().isBetween(0.0, 1.0);
        assertThat(scoring.accountScore(dueSoon).orElseThrow().missRisk()).isEqualTo(missRisk);
    }

    @Test
    void drift_warnsAndLogsWhenTodaysPopulationHasShifted() {
        TrainingReport report = training.train("dpd30", List.of("scorecard"), 1, true, "test", split());
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory
                .getLogger(ScoreTraining.class);
        logger.addAppender(logged);
        DriftReport d;
        try {
            d = training.drift("dpd30");
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(d.modelId()).isEqualTo(report.models().getFirst().id());
        assertThat(d.asOf()).isEqualTo(TODAY);
        assertThat(d.trainedOnAsOf()).isEqualTo(LocalDate.of(2023, 7, 1));
        assertThat(d.rows()).isGreaterThanOrEqualTo(300);
        // today's population is every account in the database, which other test classes share: whether it has
        // drifted depends on what they wrote before this test. What holds whatever ran before: every model feature
        // is measured, the warning says exactly whether some PSI passed 0.25, and a warning is logged
        assertThat(d.features()).filteredOn(f -> f.inModel()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.psi()).isGreaterThanOrEqualTo(0.0));
        boolean shifted = d.scorePsi() > 0.25 || d.features().stream().anyMatch(f -> f.psi() > 0.25);
        assertThat(d.warning()).isEqualTo(shifted);
        if (shifted) {
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("population drift");
            });
        }
    }

    @Test
    void driftWithoutAnActiveModel_isNotFound() {
        assertThatThrownBy(() -> training.drift("miss")).isInstanceOf(dev.arrears.shared.NotFoundException.class)
                .hasMessageContaining("no ACTIVE model");
    }

    private String status(long id) {
        return jdbc.sql("select status from score_model where id = ?").param(id).query(String.class).single();
    }

    // --- the API ---

    record Response(int status, String contentType, JsonNode json) {
    }

    private Response send(String user, String method, String path, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String type = res.headers().firstValue("Content-Type").orElse("");
        return new Response(res.statusCode(), type, res.body().isEmpty() ? null : JSON.readTree(res.body()));
    }

    @Test
    void theApi_trainsListsShowsAndActivatesModels() throws Exception {
        Response created = send("st-strategist", "POST", "/api/v1/scoring/models",
                "{\"target\":\"DPD30_60D\",\"kind\":\"scorecard\",\"activate\":false,\"seed\":1}");
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("version").asInt()).isPositive();
        assertThat(created.json().get("kind").asString()).isEqualTo("scorecard");
        assertThat(created.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(created.json().get("metrics").get("auc").asDouble()).isGreaterThan(0.75);
        assertThat(created.json().get("metrics").has("reference")).isFalse();
        assertThat(created.json().get("createdBy").asString()).isEqualTo("st-strategist");

        Response list = send("st-collector", "GET", "/api/v1/scoring/models?target=dpd30", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValues("id").stream().map(JsonNode::asLong)).contains(id);

        Response one = send("st-collector", "GET", "/api/v1/scoring/models/" + id, null);
        assertThat(one.status()).isEqualTo(200);
        JsonNode card = one.json().get("scorecard");
        assertThat(card.size()).isPositive();
        assertThat(card.get(0).get("informationValue").asDouble()).isPositive();
        assertThat(card.get(0).get("bins").get(0).has("points")).isTrue();

        Response activated = send("st-strategist", "POST", "/api/v1/scoring/models/" + id + "/activate", null);
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().get("status").asString()).isEqualTo("ACTIVE");

        Response drift = send("st-collector", "GET", "/api/v1/scoring/drift", null);
        assertThat(drift.status()).isEqualTo(200);
        assertThat(drift.json().get("modelId").asLong()).isEqualTo(id);
        assertThat(drift.json().get("warning").isBoolean()).isTrue();
        assertThat(drift.json().get("features").size()).isGreaterThan(20);
    }

    @Test
    void theApi_answersProblemsForBadInputUnknownModelsAndTheWrongRole() throws Exception {
        Response forbidden = send("st-collector", "POST", "/api/v1/scoring/models", "{\"target\":\"DPD30_60D\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");

        Response bad = send("st-strategist", "POST", "/api/v1/scoring/models",
                "{\"target\":\"DPD90\",\"kind\":\"forest\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsString("pointer")).containsExactly("/target", "/kind");

        Response unreadable = send("st-strategist", "POST", "/api/v1/scoring/models", "{\"seed\":");
        assertThat(unreadable.status()).isEqualTo(400);

        Response missing = send("st-collector", "GET", "/api/v1/scoring/models/987654321", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        Response activateMissing = send("st-strategist", "POST", "/api/v1/scoring/models/987654321/activate", null);
        assertThat(activateMissing.status()).isEqualTo(404);

        Response collectorActivates = send("st-collector", "POST", "/api/v1/scoring/models/987654321/activate", null);
        assertThat(collectorActivates.status()).isEqualTo(403);

        Response badTarget = send("st-collector", "GET", "/api/v1/scoring/models?target=nope", null);
        assertThat(badTarget.status()).isEqualTo(400);

        Response noActive = send("st-collector", "GET", "/api/v1/scoring/drift?target=miss", null);
        assertThat(noActive.status()).isEqualTo(404);
    }
}
