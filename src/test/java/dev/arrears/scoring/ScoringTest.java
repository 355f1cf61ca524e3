package dev.arrears.scoring;

import dev.arrears.cycle.CycleStep;
import dev.arrears.cycle.persistence.AccountReader;
import dev.arrears.cycle.persistence.AccountSnapshot;
import dev.arrears.scoring.ScoreViews.ScoreRun;
import dev.arrears.scoring.features.Features;
import dev.arrears.scoring.model.Column;
import dev.arrears.scoring.model.Model;
import dev.arrears.scoring.model.Reason;
import dev.arrears.scoring.model.Score;
import dev.arrears.strategy.domain.Condition;
import dev.arrears.strategy.domain.Facts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class ScoringTest {

    static final LocalDate D = FeatureReaderTest.D;

    @Autowired
    Scoring scoring;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObjectProvider<CycleStep> steps;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    dev.arrears.strategy.Strategies strategies;
    @Autowired
    dev.arrears.cycle.Cycles cycles;
    @LocalServerPort
    int port;

    /**
     * A hand-written model over two of the features, in its own column order: 700 points less 4 per worst day
     * past due in 12 months; the product line earns nothing.
     */
    static final class WorstDaysModel implements Model {
        @Override
        public String kind() {
            return "scorecard";
        }

        @Override
        public List<Column> columns() {
            return List.of(Column.categorical(Features.PRODUCT_LINE), Column.numeric(Features.MAX_DPD_12M));
        }

        @Override
        public double probabilityBad(double[] numeric, String[] categories) {
            return Math.min(1.0, numeric[1] / 100.0);
        }

        @Override
        public Score score(double[] numeric, String[] categories) {
            return new Score(probabilityBad(numeric, categories), Math.round(700 - 4 * numeric[1]), List.of(
                    new Reason(Features.MAX_DPD_12M, "[15, 30)", -4 * numeric[1]),
                    new Reason(Features.PRODUCT_LINE, categories[0], 0)));
        }
    }

    /** An early-warning model that gives every account a miss risk of 0.8. */
    static final class AlwaysMisses implements Model {
        @Override
        public String kind() {
            return "scorecard";
        }

        @Override
        public List<Column> columns() {
            return Features.COLUMNS;
        }

        @Override
        public double probabilityBad(double[] numeric, String[] categories) {
            return 0.8;
        }

        @Override
        public Score score(double[] numeric, String[] categories) {
            return new Score(0.8, 500, List.of());
        }
    }

    @AfterEach
    void retireTestModels() {
        // tests share the database: leave no test model active for the next cycle run
        scoring.retire(Scoring.TARGET_DPD30);
        scoring.retire(Scoring.TARGET_MISS);
    }

    private Map<String, Object> row(long account) {
        return jdbc.sql("""
                        select model_id, scored_on, points, grade, probability::float8 as probability,
                               reason_codes::text as codes, miss_risk::float8 as miss_risk, reasons::text as reasons
                        from account_score where account_id = ?""")
                .param(account).query().singleRow();
    }

    private long historyRows(long account) {
        return jdbc.sql("select count(*) from account_score_history where account_id = ?").param(account)
                .query(Long.class).single();
    }

    @Test
    void scoreAllWithTheActiveModels_storesScoresReasonsMissRiskAndAShortHistory() throws Exception {
        Histories h = new Histories(jdbc);
        FeatureReaderTest.Built b = FeatureReaderTest.history(h);
        h.state(b.account(), D, 25_000);
        // a bill due within the early-warning horizon: the account gets a miss risk
        h.bill(b.account(), D.minusDays(20), D.plusDays(5), 9_000);
        long paidUp = h.account(h.customer("Asia/Shanghai"), "OTHER", D.minusYears(1), null);
        h.state(paidUp, D, 0);
        long noBillDueSoon = h.account(h.customer("Asia/Shanghai"), "OTHER", D.minusYears(1), null);
        h.bill(noBillDueSoon, D.minusDays(60), D.minusDays(30), 5_000);
        h.state(noBillDueSoon, D, 5_000);
        long main = scoring.register(Scoring.TARGET_DPD30, new WorstDaysModel(), "{\"test\":1}", "{\"auc\":0.7}",
                D.minusMonths(2), "test");
        scoring.activate(main);
        long miss = scoring.register(Scoring.TARGET_MISS, new AlwaysMisses(), "{\"test\":2}", null, D, "test");
        scoring.activate(miss);

        ScoreRun run = scoring.scoreAll(D);

        assertThat(run.modelId()).isEqualTo(main);
        assertThat(run.missModelId()).isEqualTo(miss);
        assertThat(run.accounts()).isPositive();
        Map<String, Object> r = row(b.account());
        // worst 18 days past due in 12 months: 700 − 72 = 628, grade B (≥ 620)
        assertThat(r).containsEntry("model_id", main).containsEntry("points", 628).containsEntry("grade", "B")
                .containsEntry("scored_on", java.sql.Date.valueOf(D)).containsEntry("probability", 0.18)
                .containsEntry("codes", "{maxDaysPastDue12m,productLine}").containsEntry("miss_risk", 0.8);
        assertThat((String) r.get("reasons")).contains("\"bin\":\"[15, 30)\"").contains("TELECOM_POSTPAID");
        assertThat(row(noBillDueSoon).get("miss_risk")).as("no bill due in the next 10 days").isNull();
        assertThat(jdbc.sql("select count(*) from account_score where account_id = ?").param(paidUp)
                .query(Long.class).single()).isZero();
        assertThat(historyRows(b.account())).isEqualTo(1);

        // the same date again, and a day later with the same points: no new history rows, and the row is not
        // written again (it keeps the date its score last changed; the API says the run's, below)
        scoring.scoreAll(D);
        assertThat(lastRunWritten()).as("nothing changed on the same date").isZero();
        scoring.scoreAll(D.plusDays(1));
        assertThat(historyRows(b.account())).isEqualTo(1);
        assertThat(row(b.account())).containsEntry("scored_on", java.sql.Date.valueOf(D))
                .containsEntry("points", 628);

        // the cycle's facts read the stored score, and strategy conditions can test it
        Facts facts = facts(b.account(), D);
        assertThat(facts.scoreValue()).isEqualTo(628);
        assertThat(facts.scoreGrade()).isEqualTo("B");
        assertThat(facts.scoreReasons()).containsExactly("maxDaysPastDue12m", "productLine");
        assertThat(facts.scoreMissRisk()).isEqualTo(0.8);
        assertThat(Condition.of("score.grade == 'B' && 'maxDaysPastDue12m' in score.reasons "
                + "&& score.missRisk > 0.5").test(facts)).isTrue();

        // a strategy's segment condition on them, in a dry run of a stored (not active) version
        String name = "score-facts-" + b.account();
        var version = strategies.createVersion("""
                strategy: %s
                priority: 1
                appliesTo: "account.productLine == 'TELECOM_POSTPAID'"
                segments:
                  - name: watch
                    when: "score.grade == 'B' && 'maxDaysPastDue12m' in score.reasons && score.missRisk > 0.5"
                    ladder:
                      - { at: "open+0d", action: LETTER, template: overdue_notice }
                  - name: everyone
                    ladder:
                      - { at: "open+0d", action: LETTER, template: overdue_notice }
                """.formatted(name), "test");
        var decision = cycles.evaluate(name, version.version(), b.account(), D.plusDays(1));
        assertThat(decision.segment()).isEqualTo("watch");
        assertThat(decision.facts()).containsEntry("score.grade", "B").containsEntry("score.missRisk", 0.8)
                .containsEntry("score.reasons", List.of("maxDaysPastDue12m", "productLine"));

        // the API answers with the score, its reasons and its history
        JsonNode json = get("/api/v1/accounts/" + b.account() + "/score");
        assertThat(json.get("accountId").asLong()).isEqualTo(b.account());
        assertThat(json.get("scoredOn").asString()).isEqualTo(D.plusDays(1).toString());
        assertThat(json.get("points").asLong()).isEqualTo(628);
        assertThat(json.get("grade").asString()).isEqualTo("B");
        assertThat(json.get("probabilityBad").asDouble()).isEqualTo(0.18);
        assertThat(json.get("modelVersion").isInt()).isTrue();
        assertThat(json.get("missRisk").asDouble()).isEqualTo(0.8);
        assertThat(json.get("reasons").get(0).get("feature").asString()).isEqualTo("maxDaysPastDue12m");
        assertThat(json.get("reasons").get(0).get("bin").asString()).isEqualTo("[15, 30)");
        assertThat(json.get("reasons").get(0).get("points").asDouble()).isEqualTo(-72.0);
        assertThat(json.get("history")).hasSize(1);
        assertThat(json.get("history").get(0).get("scoredOn").asString()).isEqualTo(D.toString());
        assertThat(json.get("history").get(0).get("points").asLong()).isEqualTo(628);
        assertThat(json.get("history").get(0).get("grade").asString()).isEqualTo("B");

        // a change the model sees (a worse episode) is written with its date, and only the changed rows are
        h.episode(b.account(), D.minusDays(40), D.minusDays(5), 36);
        ScoreRun changed = scoring.scoreAll(D.plusDays(1));
        assertThat(row(b.account())).containsEntry("scored_on", java.sql.Date.valueOf(D.plusDays(1)))
                .containsEntry("points", 700 - 4 * 36);
        assertThat(lastRunWritten()).isPositive().isLessThan(changed.accounts());
    }

    /** Returns how many rows the last finished scoring run wrote. */
    private long lastRunWritten() {
        return jdbc.sql("select written from score_run order by finished_at desc, id desc limit 1").query(Long.class)
                .single();
    }

    @Test
    void withoutAnActiveModel_theInterimRuleScoresSoFactsStayFilled() throws Exception {
        Histories h = new Histories(jdbc);
        FeatureReaderTest.Built b = FeatureReaderTest.history(h);
        h.state(b.account(), D, 25_000);
        scoring.retire(Scoring.TARGET_DPD30);

        ScoreRun run = scoring.scoreAll(D);

        assertThat(run.modelId()).isNull();
        // 600 − 40 × 3 episodes − 18 ÷ 2 + 100 × (0.75 − 0.5) + 17 months − 50 × 1 broken promise = 463
        Map<String, Object> r = row(b.account());
        assertThat(r.get("model_id")).isNull();
        assertThat(r).containsEntry("points", 463).containsEntry("grade", "E");
        assertThat(r.get("miss_risk")).isNull();
        assertThat((String) r.get("codes")).startsWith("{timesDelinquent12m,brokenPromises90d");
        Facts facts = facts(b.account(), D);
        assertThat(facts.scoreValue()).isEqualTo(463);
        assertThat(facts.scoreMissRisk()).isZero();
    }

    @Test
    void scoringIsTheCyclesLastStepBeforeEvaluation() {
        List<CycleStep> ordered = steps.orderedStream().toList();
        // after the arrangement module's steps: promises broken today count in today's score
        assertThat(ordered).hasSizeGreaterThan(1).last().isSameAs(scoring);
        Histories h = new Histories(jdbc);
        FeatureReaderTest.Built b = FeatureReaderTest.history(h);
        h.state(b.account(), D, 25_000);
        scoring.beforeCycle(D.plusDays(2));
        assertThat(row(b.account())).containsEntry("scored_on", java.sql.Date.valueOf(D.plusDays(2)));
    }

    @Test
    void theScoreOfAnUnknownAccount_isA404Problem() throws Exception {
        HttpResponse<String> r = send("/api/v1/accounts/987654321012/score");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void anAccountNotScoredYet_isScoredOnTheSpot() throws Exception {
        Histories h = new Histories(jdbc);
        long account = h.account(h.customer("Asia/Shanghai"), "OTHER", LocalDate.of(2020, 1, 1), null);
        JsonNode json = get("/api/v1/accounts/" + account + "/score");
        assertThat(json.get("points").asLong()).isEqualTo(600 + 50 + 60);
        assertThat(json.get("grade").asString()).isEqualTo("A");
        assertThat(json.get("history")).isEmpty();
    }

    private Facts facts(long account, LocalDate asOf) throws Exception {
        List<AccountSnapshot> read = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            AccountReader.readAccounts(c, new long[]{account}, asOf, 0, true, read::add);
        }
        assertThat(read).hasSize(1);
        return read.getFirst().situation().facts();
    }

    private HttpResponse<String> send(String path) throws Exception {
        jdbc.sql("""
                        insert into app_user (username, password_hash, roles, enabled, created_at)
                        values ('score-reader', ?, '{COLLECTOR}', true, ?) on conflict (username) do nothing""")
                .params(encoder.encode("score-test-password"), Timestamp.from(Instant.now())).update();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("score-reader:score-test-password".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(r.body());
    }
}
