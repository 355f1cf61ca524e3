package dev.arrears.scoring;

import dev.arrears.cycle.CycleStep;
import dev.arrears.scoring.ScoreViews.AccountScore;
import dev.arrears.scoring.ScoreViews.HistoryPoint;
import dev.arrears.scoring.ScoreViews.ReasonView;
import dev.arrears.scoring.ScoreViews.ScoreRun;
import dev.arrears.scoring.domain.Grades;
import dev.arrears.scoring.domain.InterimModel;
import dev.arrears.scoring.features.FeatureReader;
import dev.arrears.scoring.features.FeatureRow;
import dev.arrears.scoring.features.Features;
import dev.arrears.scoring.model.Column;
import dev.arrears.scoring.model.Model;
import dev.arrears.scoring.model.ModelCodec;
import dev.arrears.scoring.model.Score;
import dev.arrears.scoring.persistence.ModelStore;
import dev.arrears.scoring.persistence.ScoreQueries;
import dev.arrears.scoring.persistence.ScoreWriter;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scoring façade: scores every account that owes (or has an open case) as of a date with the ACTIVE model of
 * target {@value #TARGET_DPD30} (the interim points rule when none is active) and, when one is active, the
 * early-warning model of {@value #TARGET_MISS}; stores the scores for the cycle's facts and keeps a small history;
 * registers and activates models. As a {@link CycleStep} it scores before the cycle evaluates, after the other
 * steps of the date (promises reviewed first, so broken promises count). Account ranges are scored in parallel,
 * each in its own transaction, so a run for a date can be repeated.
 */
@Service
@Order(Ordered.LOWEST_PRECEDENCE)
public class Scoring implements CycleStep {

    /** Target of the risk score: reaches 30 days past due within 60 days. */
    public static final String TARGET_DPD30 = "DPD30_60D";
    /** Target of the early warning: the next bill due within 10 days is still unpaid 5 days after its due date. */
    public static final String TARGET_MISS = "MISS_DUE_5D";

    private static final Logger log = LoggerFactory.getLogger(Scoring.class);
    /** Key of the advisory lock that serialises scoring runs ("SCOR" in ASCII). */
    private static final long RUN_LOCK = 0x53434F52L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final Clock clock;
    private final ModelStore models;
    private final ScoreQueries queries;
    private final Grades grades;
    private final int workers;
    private final int rangeSize;
    private final boolean inCycle;
    /** Models registered or decoded in this process, by id: a model's JSON is decoded once. */
    private final Map<Long, Model> decoded = new ConcurrentHashMap<>();

    public Scoring(DataSource dataSource, JdbcClient jdbc, Clock clock,
                   @Value("${arrears.scoring.grades:A:680,B:620,C:560,D:500,E}") String grades,
                   @Value("${arrears.scoring.workers:0}") int workers,
                   @Value("${arrears.scoring.range-size:20000}") int rangeSize,
                   @Value("${arrears.scoring.in-cycle:true}") boolean inCycle) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.models = new ModelStore(jdbc);
        this.queries = new ScoreQueries(jdbc);
        this.grades = Grades.parse(grades);
        this.workers = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        this.rangeSize = rangeSize;
        this.inCycle = inCycle;
    }

    /**
     * Scores every account for the cycle's date (turned off with {@code arrears.scoring.in-cycle=false}). A failure
     * is logged and the cycle goes on with the scores stored before (or the interim rule): a broken model must not
     * stop collections. A replay of the past (the demo's, which runs the cycle for each of 365 days with ledger
     * events quiet) is not scored day by day: its cycles use the interim rule, and the next real run scores.
     */
    @Override
    public void beforeCycle(LocalDate asOf) {
        if (!inCycle || dev.arrears.cycle.Cycles.quiet()) {
            return;
        }
        try {
            ScoreRun run = scoreAll(asOf);
            log.info("scored {} accounts as of {} in {} s", run.accounts(), asOf, run.seconds());
        } catch (RuntimeException e) {
            log.error("scoring before the cycle of {} failed; the cycle reads the scores stored before", asOf, e);
        }
    }

    /** Returns today's date in UTC by the injected clock: the default as-of of a scoring run. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Scores every account that owes or has an open case as of a date, in parallel account ranges, replacing their
     * stored scores; returns what was done.
     */
    public ScoreRun scoreAll(LocalDate asOf) {
        // one run at a time (the cycle's step and the command line may overlap): a range rewritten by two runs at
        // once would fail on its primary key; the second run waits for the first on a session advisory lock
        try (Connection lock = dataSource.getConnection()) {
            try (var st = lock.createStatement()) {
                st.execute("select pg_advisory_lock(" + RUN_LOCK + ")");
            }
            try {
                return scoreAllLocked(asOf);
            } finally {
                try (var st = lock.createStatement()) {
                    st.execute("select pg_advisory_unlock(" + RUN_LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scoring as of " + asOf + " failed: " + e.getMessage(), e);
        }
    }

    private ScoreRun scoreAllLocked(LocalDate asOf) {
        long started = System.nanoTime();
        Loaded main = load(TARGET_DPD30).orElse(null);
        Loaded miss = load(TARGET_MISS).orElse(null);
        Model model = main == null ? new InterimModel() : main.model();
        int[] mainIndex = positions(model);
        int[] missIndex = miss == null ? null : positions(miss.model());
        long[] span = queries.idRange();
        AtomicLong accounts = new AtomicLong();
        AtomicLong history = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong readNanos = new AtomicLong();
        AtomicLong writeNanos = new AtomicLong();
        if (span != null) {
            AtomicLong next = new AtomicLong(span[0]);
            long last = span[1];
            int threads = (int) Math.max(1, Math.min(workers, (last - span[0]) / rangeSize + 1));
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "scoring");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int w = 0; w < threads; w++) {
                    work.add(pool.submit(() -> {
                        try (Connection c = dataSource.getConnection()) {
                            c.setAutoCommit(false);
                            long first;
                            while ((first = next.getAndAdd(rangeSize)) <= last) {
                                long end = Math.min(last, first + rangeSize - 1);
                                try {
                                    long[] done = scoreRange(c, first, end, asOf, main, model, mainIndex, miss,
                                            missIndex);
                                    long committing = System.nanoTime();
                                    c.commit();
                                    readNanos.addAndGet(done[2]);
                                    written.addAndGet(done[4]);
                                    writeNanos.addAndGet(done[3] + System.nanoTime() - committing);
                                    accounts.addAndGet(done[0]);
                                    history.addAndGet(done[1]);
                                } catch (SQLException | RuntimeException e) {
                                    c.rollback();
                                    throw e;
                                }
                            }
                            c.setAutoCommit(true);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("scoring interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("scoring as of " + asOf + " failed: " + e.getCause().getMessage(),
                        e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        queries.recordRun(asOf, clock.instant(), accounts.get(), written.get(), seconds);
        log.debug("scoring as of {}: {} accounts, {} rows written (the others unchanged); summed over the workers,"
                + " feature read and scoring {} s, writes {} s", asOf, accounts.get(), written.get(),
                readNanos.get() / 1e9, writeNanos.get() / 1e9);
        return new ScoreRun(asOf, accounts.get(), history.get(), main == null ? null : main.id(),
                main == null ? null : main.version(), miss == null ? null : miss.id(),
                (System.nanoTime() - started) / 1e9);
    }

    private long[] scoreRange(Connection c, long first, long last, LocalDate asOf, Loaded main, Model model,
                              int[] mainIndex, Loaded miss, int[] missIndex) throws SQLException {
        // a range reads hundreds of thousands of bills and payments: hash joins over range scans rather than an
        // index probe per account (the planner's row estimates of CTEs are low); for this transaction only
        try (var st = c.createStatement()) {
            st.execute("set local enable_nestloop = off");
        }
        long started = System.nanoTime();
        ScoreWriter writer = ScoreWriter.forRange(c, first, last, asOf);
        Long modelId = main == null ? null : main.id();
        // early warning is about the next bill: only accounts with a bill due in the next days get a miss risk
        java.util.Set<Long> dueSoon = miss == null ? java.util.Set.of() : dueSoon(c, first, last, asOf);
        int n = FeatureReader.readRange(c, first, last, asOf, FeatureReader.Scope.OWING, row -> {
            Score s = score(model, mainIndex, row);
            double missRisk = miss == null || !dueSoon.contains(row.accountId()) ? Double.NaN
                    : probability(miss.model(), missIndex, row);
            writer.add(row.accountId(), modelId, s.points(), grades.of(s.points()), s.probabilityBad(), s.reasons(),
                    missRisk);
        });
        long read = System.nanoTime();
        writer.write(c, first, last);
        return new long[]{n, writer.historyRows(), read - started, System.nanoTime() - read, writer.rowsWritten()};
    }

    /** Days ahead whose bills the early-warning model scores ({@code score.missRisk}). */
    public static final int MISS_RISK_DAYS = 10;

    /** Returns the accounts of a range with a bill due in the {@value #MISS_RISK_DAYS} days after the date. */
    private static java.util.Set<Long> dueSoon(Connection c, long first, long last, LocalDate asOf)
            throws SQLException {
        java.util.Set<Long> out = new java.util.HashSet<>();
        try (var ps = c.prepareStatement("select distinct account_id from bill where account_id between ? and ?"
                + " and due_date > ? and due_date <= ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            ps.setObject(3, asOf);
            ps.setObject(4, asOf.plusDays(MISS_RISK_DAYS));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Returns, for each of a model's columns, its index in {@link Features#COLUMNS}, or -1 when null. */
    private static int[] positions(Model model) {
        if (model.columns().equals(Features.COLUMNS)) {
            return null;
        }
        List<Column> columns = model.columns();
        int[] index = new int[columns.size()];
        for (int i = 0; i < index.length; i++) {
            Column c = columns.get(i);
            int at = Features.names().indexOf(c.name());
            if (at < 0 || Features.COLUMNS.get(at).type() != c.type()) {
                throw new IllegalStateException("the model reads column " + c + ", which is not a scoring feature");
            }
            index[i] = at;
        }
        return index;
    }

    private static Score score(Model model, int[] index, FeatureRow row) {
        if (index == null) {
            return model.score(row.numeric(), row.categories());
        }
        double[] n = new double[index.length];
        String[] s = new String[index.length];
        fill(index, row, n, s);
        return model.score(n, s);
    }

    private static double probability(Model model, int[] index, FeatureRow row) {
        if (index == null) {
            return model.probabilityBad(row.numeric(), row.categories());
        }
        double[] n = new double[index.length];
        String[] s = new String[index.length];
        fill(index, row, n, s);
        return model.probabilityBad(n, s);
    }

    private static void fill(int[] index, FeatureRow row, double[] n, String[] s) {
        for (int i = 0; i < index.length; i++) {
            n[i] = row.numeric()[index[i]];
            s[i] = row.categories()[index[i]];
        }
    }

    /** An active model with its decoded form. */
    private record Loaded(long id, int version, Model model) {
    }

    private Optional<Loaded> load(String target) {
        return models.active(target).map(a -> new Loaded(a.id(), a.version(),
                decoded.computeIfAbsent(a.id(), id -> ModelCodec.fromJson(a.json()))));
    }

    /**
     * Stores a trained model as a DRAFT version of a target; returns its id. {@code json} is the model's
     * {@link ModelCodec} form (what other processes decode); this process keeps {@code model} itself.
     */
    @Transactional
    public long register(String target, Model model, String json, String metricsJson, LocalDate trainedOnAsOf,
                         String createdBy) {
        if (!target.equals(TARGET_DPD30) && !target.equals(TARGET_MISS)) {
            throw new IllegalArgumentException("a model's target is " + TARGET_DPD30 + " or " + TARGET_MISS
                    + ", not " + target);
        }
        positions(model);
        long id = models.insert(target, model.kind(), json, metricsJson,
                model.columns().stream().map(Column::name).toList(), clock.instant(), trainedOnAsOf, createdBy);
        decoded.put(id, model);
        return id;
    }

    /** Stores a trained model with its JSON written by {@link ModelCodec}; returns its id. */
    @Transactional
    public long register(String target, Model model, String metricsJson, LocalDate trainedOnAsOf, String createdBy) {
        return register(target, model, ModelCodec.toJson(model), metricsJson, trainedOnAsOf, createdBy);
    }

    /** Makes a model the active one of its target (retiring the one before). */
    @Transactional
    public void activate(long modelId) {
        if (!models.activate(modelId)) {
            throw new NotFoundException("score model " + modelId);
        }
    }

    /** Retires the active model of a target: the next run scores by the interim rule (or without miss risk). */
    @Transactional
    public boolean retire(String target) {
        return models.retireActive(target);
    }

    /** Lists the stored models of a target, newest first. */
    public List<ModelStore.ModelRow> models(String target) {
        return models.list(target);
    }

    /**
     * Returns the dataset of every account's features as of a date, labelled by what happened in the 60 days
     * after it ({@code DPD30_60D} or {@code MISS_DUE_5D}).
     */
    public dev.arrears.scoring.model.Dataset trainingSet(String target, LocalDate asOf) {
        return dev.arrears.scoring.training.TrainingSets.build(dataSource, asOf,
                dev.arrears.scoring.training.TrainingSets.Target.valueOf(target));
    }

    /** Returns the time-based split of the ledger's history, or empty when there are no bills. */
    public Optional<dev.arrears.scoring.training.TimeSplit> timeSplit() {
        LocalDate[] history = dev.arrears.scoring.training.TrainingSets.history(dataSource);
        return history == null ? Optional.empty()
                : Optional.of(dev.arrears.scoring.training.TimeSplit.of(history[0]));
    }

    /**
     * Returns the stored grades of the accounts with their rank among the configured grades (0 best), by account
     * id; an account without a stored score (or with a grade the configuration no longer has) is absent.
     */
    public Map<Long, ScoreViews.GradeRank> gradeRanks(java.util.Collection<Long> accountIds) {
        Map<Long, ScoreViews.GradeRank> out = new java.util.HashMap<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        queries.grades(accountIds).forEach((id, grade) -> {
            Integer rank = grades.rank(grade);
            if (rank != null) {
                out.put(id, new ScoreViews.GradeRank(id, grade, rank, grades.count()));
            }
        });
        return out;
    }

    /** Returns the grade of a score by the configured cut-offs. */
    public String grade(long points) {
        return grades.of(points);
    }

    /**
     * Returns an account's stored score, or one computed now as of today (UTC) and not stored when the scoring run
     * has not scored it; throws {@link NotFoundException} for an unknown account.
     */
    public AccountScore currentOrNow(long accountId) {
        Optional<AccountScore> stored = accountScore(accountId);
        if (stored.isPresent()) {
            return stored.get();
        }
        LocalDate asOf = today();
        Loaded main = load(TARGET_DPD30).orElse(null);
        Loaded miss = load(TARGET_MISS).orElse(null);
        Model model = main == null ? new InterimModel() : main.model();
        List<FeatureRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            FeatureReader.readAccounts(c, new long[]{accountId}, asOf, rows::add);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the features of account " + accountId, e);
        }
        if (rows.isEmpty()) {
            throw new NotFoundException("account " + accountId + " was opened after " + asOf);
        }
        FeatureRow row = rows.getFirst();
        Score s = score(model, positions(model), row);
        List<ReasonView> reasons = s.reasons().stream().limit(ScoreWriter.REASONS_KEPT)
                .map(r -> new ReasonView(r.feature(), r.bin(), r.points())).toList();
        return new AccountScore(accountId, asOf, s.points(), grades.of(s.points()), s.probabilityBad(),
                main == null ? null : main.version(), model.kind(), reasons,
                miss == null ? null : probability(miss.model(), positions(miss.model()), row), List.of());
    }

    /**
     * Returns an account's current score with its reasons and its history (newest first); empty when the account
     * has never been scored; throws {@link NotFoundException} for an unknown account.
     */
    public Optional<AccountScore> accountScore(long accountId) {
        Optional<ScoreQueries.Current> current = queries.current(accountId);
        if (current.isEmpty()) {
            if (!queries.accountExists(accountId)) {
                throw new NotFoundException("account " + accountId);
            }
            return Optional.empty();
        }
        ScoreQueries.Current c = current.get();
        List<ReasonView> reasons = new ArrayList<>();
        for (JsonNode r : JSON.readTree(c.reasonsJson())) {
            reasons.add(new ReasonView(r.path("feature").asString(), r.path("bin").asString(),
                    r.path("points").asDouble()));
        }
        List<HistoryPoint> history = queries.history(accountId, 60).stream()
                .map(p -> new HistoryPoint(p.scoredOn(), p.points(), p.grade())).toList();
        return Optional.of(new AccountScore(accountId, c.scoredOn(), c.points(), c.grade(), c.probability(),
                c.modelVersion(), c.modelKind() == null ? InterimModel.KIND : c.modelKind(), reasons, c.missRisk(),
                history));
    }
}
