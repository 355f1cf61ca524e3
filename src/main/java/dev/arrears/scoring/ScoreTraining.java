package dev.arrears.scoring;

import dev.arrears.scoring.TrainingViews.DriftReport;
import dev.arrears.scoring.TrainingViews.FeatureDrift;
import dev.arrears.scoring.TrainingViews.ModelMetrics;
import dev.arrears.scoring.TrainingViews.SplitView;
import dev.arrears.scoring.TrainingViews.TrainedModel;
import dev.arrears.scoring.TrainingViews.TrainingReport;
import dev.arrears.scoring.model.Bin;
import dev.arrears.scoring.model.Binning;
import dev.arrears.scoring.model.Challenger;
import dev.arrears.scoring.model.Column;
import dev.arrears.scoring.model.Dataset;
import dev.arrears.scoring.model.FeatureBins;
import dev.arrears.scoring.model.Metrics.CalibrationBin;
import dev.arrears.scoring.model.Model;
import dev.arrears.scoring.model.ModelCodec;
import dev.arrears.scoring.model.Scorecard;
import dev.arrears.scoring.model.ScorecardOptions;
import dev.arrears.scoring.model.Training;
import dev.arrears.scoring.persistence.ModelLookup;
import dev.arrears.scoring.persistence.ModelLookup.StoredModel;
import dev.arrears.scoring.persistence.ModelStore.ModelRow;
import dev.arrears.scoring.training.DriftReference;
import dev.arrears.scoring.training.DriftReference.FeatureReference;
import dev.arrears.scoring.training.Evaluation;
import dev.arrears.scoring.training.TimeSplit;
import dev.arrears.scoring.training.TrainingSets;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains risk models on the portfolio's own history and watches them: for a target ({@value Scoring#TARGET_DPD30}
 * or {@value Scoring#TARGET_MISS}) cuts the history by {@link TimeSplit} (features as of month 6 with labels from
 * the 60 days after, features as of month 10 with labels from the 60 days after that; the training labels end before
 * the test's as-of date), trains each kind asked for on the first set, evaluates it on the second, and stores it as
 * a DRAFT with its metrics and the reference of its training population (for drift). Activation retires the
 * target's previous model and is audited. Drift compares the active model's training population with today's.
 */
@Service
public class ScoreTraining {

    /** The kinds of model a run can train. */
    public static final List<String> KINDS = List.of(Scorecard.KIND, Challenger.KIND);

    private static final Logger log = LoggerFactory.getLogger(ScoreTraining.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Scoring scoring;
    private final DataSource dataSource;
    private final ModelLookup lookup;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ScoreTraining(Scoring scoring, DataSource dataSource, JdbcClient jdbc, ApplicationEventPublisher events,
                         Clock clock) {
        this.scoring = scoring;
        this.dataSource = dataSource;
        this.lookup = new ModelLookup(jdbc);
        this.events = events;
        this.clock = clock;
    }

    /** Returns a target's canonical name from {@code DPD30_60D}, {@code dpd30}, {@code MISS_DUE_5D} or {@code miss}. */
    public static String target(String name) {
        if (name == null || name.isBlank()) {
            return Scoring.TARGET_DPD30;
        }
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "DPD30", Scoring.TARGET_DPD30 -> Scoring.TARGET_DPD30;
            case "MISS", Scoring.TARGET_MISS -> Scoring.TARGET_MISS;
            default -> throw new IllegalArgumentException("target " + name + " is unknown: " + Scoring.TARGET_DPD30
                    + " (dpd30) or " + Scoring.TARGET_MISS + " (miss)");
        };
    }

    /**
     * Returns the time split of the ledger's history as of today; throws {@link TrainingRefused} naming the months
     * needed and present when the history does not reach the end of the test labels.
     */
    public SplitView split() {
        LocalDate[] history = TrainingSets.history(dataSource);
        LocalDate today = scoring.today();
        if (history == null) {
            throw new TrainingRefused("there is no history to train on: the ledger holds no bills");
        }
        return split(history[0], today);
    }

    /** Returns the split of a history from {@code first} to {@code last}, or refuses a history too short. */
    static SplitView split(LocalDate first, LocalDate last) {
        TimeSplit s = TimeSplit.of(first);
        if (!s.coveredBy(last)) {
            long present = ChronoUnit.MONTHS.between(first, last);
            long needed = ChronoUnit.MONTHS.between(first, s.testLabelsEnd())
                    + (first.plusMonths(ChronoUnit.MONTHS.between(first, s.testLabelsEnd()))
                    .isBefore(s.testLabelsEnd()) ? 1 : 0);
            throw new TrainingRefused(String.format(Locale.ROOT, "the history is too short to train: it runs from"
                            + " %s to %s (%d whole months); the time split needs %d months, to %s (features as of"
                            + " month 6 and month 10, each with %d days of labels after it)", first, last, present,
                    needed, s.testLabelsEnd(), TimeSplit.LABEL_DAYS));
        }
        return view(s, first, last);
    }

    private static SplitView view(TimeSplit s, LocalDate first, LocalDate last) {
        return new SplitView(first, last, s.trainAsOf(), s.trainLabelsEnd(), s.testAsOf(), s.testLabelsEnd());
    }

    /**
     * Trains the given kinds of model for a target on the history's time split, stores each as a DRAFT and, when
     * {@code activate}, makes the first kind the target's active model; returns what was done.
     */
    public TrainingReport train(String target, List<String> kinds, long seed, boolean activate, String actor) {
        return train(target, kinds, seed, activate, actor, split());
    }

    /** Trains as {@link #train(String, List, long, boolean, String)} on a given split. */
    TrainingReport train(String target, List<String> kinds, long seed, boolean activate, String actor,
                         SplitView split) {
        long started = System.nanoTime();
        String t = target(target);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("name at least one kind of model: " + KINDS);
        }
        for (String kind : kinds) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("model kind " + kind + " is unknown (scorecard or challenger)");
            }
        }
        // the training labels look at (trainAsOf, trainAsOf + 60]: they must be known before the test's features
        if (split.trainLabelsEnd().isAfter(split.testAsOf())) {
            throw new TrainingRefused("the training labels (to " + split.trainLabelsEnd()
                    + ") reach past the test as-of date " + split.testAsOf());
        }
        // the two reads are independent: the test set is read on a thread of its own while the training set is read
        java.util.concurrent.CompletableFuture<Dataset> testRead = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> scoring.trainingSet(t, split.testAsOf()), r -> {
                    Thread reader = new Thread(r, "training-read");
                    reader.setDaemon(true);
                    reader.start();
                });
        Dataset train = scoring.trainingSet(t, split.trainAsOf());
        Dataset test;
        try {
            test = testRead.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        int trainBads = bads(train);
        if (trainBads == 0 || trainBads == train.rows()) {
            throw new TrainingRefused(String.format(Locale.ROOT, "the training set as of %s has %d rows and %d bad"
                    + " for %s: a model needs both outcomes", split.trainAsOf(), train.rows(), trainBads, t));
        }
        // every column binned once on the training set: the scorecard's own bins and the drift reference's
        List<FeatureBins> bins = Binning.binAll(train, ScorecardOptions.defaults().binning());
        List<TrainedModel> trained = new ArrayList<>();
        for (String kind : kinds) {
            long t0 = System.nanoTime();
            Model model = Training.train(kind, train, seed);
            List<FeatureBins> reference = model instanceof Scorecard card ? withCardBins(bins, card) : bins;
            Evaluation e = Evaluation.of(model, train, test, reference);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String metrics = metricsJson(t, kind, seed, actor, split, e, seconds);
            long id = scoring.register(t, model, metrics, split.trainAsOf(), actor);
            String status = "DRAFT";
            if (activate && trained.isEmpty()) {
                activate(id, actor);
                status = "ACTIVE";
            }
            int version = lookup.find(id).orElseThrow().row().version();
            trained.add(new TrainedModel(id, t, version, kind, status, metrics(e), seconds));
            log.info("trained {} model {} v{} for {}: auc={} on {} test rows", kind, id, version, t,
                    String.format(Locale.ROOT, "%.4f", e.auc()), e.testRows());
        }
        return new TrainingReport(t, split, trained, (System.nanoTime() - started) / 1e9);
    }

    /** Returns the bins of every column, the scorecard's own in place of the binning's for the features it keeps. */
    private static List<FeatureBins> withCardBins(List<FeatureBins> bins, Scorecard card) {
        Map<String, FeatureBins> own = new HashMap<>();
        card.features().forEach(f -> own.put(f.bins().feature(), f.bins()));
        return bins.stream().map(b -> own.getOrDefault(b.feature(), b)).toList();
    }

    private static int bads(Dataset d) {
        int n = 0;
        for (int i = 0; i < d.rows(); i++) {
            n += d.target(i);
        }
        return n;
    }

    /**
     * Makes a model the ACTIVE one of its target, retiring the previous one, and publishes
     * {@link ScoreModelActivated} for the audit trail; returns the model's summary.
     */
    @Transactional
    public ModelRow activate(long modelId, String actor) {
        StoredModel stored = lookup.find(modelId).orElseThrow(() -> new NotFoundException("score model " + modelId));
        Long previous = lookup.activeId(stored.row().target()).filter(id -> id != modelId).orElse(null);
        scoring.activate(modelId);
        events.publishEvent(new ScoreModelActivated(modelId, stored.row().target(), stored.row().version(),
                stored.row().kind(), previous, actor, clock.instant()));
        return lookup.find(modelId).orElseThrow().row();
    }

    /** Lists the stored models of a target, or of both targets when null, newest first. */
    public List<ModelRow> models(String target) {
        if (target == null || target.isBlank()) {
            List<ModelRow> all = new ArrayList<>(scoring.models(Scoring.TARGET_DPD30));
            all.addAll(scoring.models(Scoring.TARGET_MISS));
            return all;
        }
        return scoring.models(target(target));
    }

    /** A stored model with its decoded form. */
    public record ModelDetail(ModelRow row, Model model) {
    }

    /** Returns a stored model with its decoded form; throws {@link NotFoundException} for an unknown id. */
    public ModelDetail model(long id) {
        StoredModel stored = lookup.find(id).orElseThrow(() -> new NotFoundException("score model " + id));
        return new ModelDetail(stored.row(), ModelCodec.fromJson(stored.json()));
    }

    /**
     * Returns the PSI of the active model's score and of each feature between its training population (the
     * reference stored with its metrics) and today's population; logs a WARN when any exceeds 0.25.
     */
    public DriftReport drift(String target) {
        String t = target(target);
        long activeId = lookup.activeId(t).orElseThrow(() -> new NotFoundException("no ACTIVE model for target "
                + t + ": drift is measured against the active model's training population"));
        StoredModel stored = lookup.find(activeId).orElseThrow();
        JsonNode metrics = JSON.readTree(stored.row().metrics());
        if (!metrics.has("reference")) {
            throw new TrainingRefused("model " + activeId + " was stored without the reference of its training"
                    + " population (it was not trained by `score train`): train a new one to measure drift");
        }
        DriftReference reference = reference(metrics.get("reference"));
        Model model = ModelCodec.fromJson(stored.json());
        LocalDate today = scoring.today();
        Dataset now = scoring.trainingSet(t, today);
        DriftReference.Drift d = reference.drift(now, Evaluation.predict(model, now));
        List<FeatureDrift> features = d.featurePsi().entrySet().stream()
                .map(e -> new FeatureDrift(e.getKey(), e.getValue(), d.inModel().get(e.getKey()))).toList();
        DriftReport report = new DriftReport(t, activeId, stored.row().version(), stored.row().kind(),
                stored.row().trainedOnAsOf(), today, metrics.path("train").path("rows").asInt(), d.rows(),
                d.scorePsi(), features, d.warning());
        if (report.warning()) {
            log.warn("population drift on {} model {} v{} since training as of {}: score PSI {}, shifted features {}",
                    t, activeId, report.version(), report.trainedOnAsOf(),
                    String.format(Locale.ROOT, "%.3f", d.scorePsi()), d.shifted());
        }
        return report;
    }

    /** Returns the metrics of an evaluation as the public view. */
    private static ModelMetrics metrics(Evaluation e) {
        return new ModelMetrics(e.trainRows(), e.trainBads(), e.testRows(), e.testBads(), e.auc(), e.ks(), e.gini(),
                e.trainAuc(), e.calibration(), e.captureTop20(), e.scorePsi(), e.featurePsi());
    }

    /** Returns stored metrics JSON read back as the public view (empty figures where absent). */
    public static ModelMetrics metrics(String json) {
        JsonNode m = JSON.readTree(json == null ? "{}" : json);
        List<CalibrationBin> calibration = new ArrayList<>();
        for (JsonNode c : m.path("calibration")) {
            calibration.add(new CalibrationBin(c.path("decile").asInt(), c.path("count").asInt(),
                    c.path("meanPredicted").asDouble(), c.path("observedBad").asDouble()));
        }
        Map<String, Double> psi = new LinkedHashMap<>();
        m.path("psi").path("features").properties().forEach(e -> psi.put(e.getKey(), num(e.getValue())));
        return new ModelMetrics(m.path("train").path("rows").asInt(), m.path("train").path("bads").asInt(),
                m.path("test").path("rows").asInt(), m.path("test").path("bads").asInt(), num(m.path("auc")),
                num(m.path("ks")), num(m.path("gini")), num(m.path("trainAuc")), calibration,
                num(m.path("captureTop20")), num(m.path("psi").path("score")), psi);
    }

    private static double num(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    private static String metricsJson(String target, String kind, long seed, String actor, SplitView split,
                                      Evaluation e, double seconds) {
        ObjectNode m = JSON.createObjectNode();
        m.put("target", target);
        m.put("kind", kind);
        m.put("seed", seed);
        m.put("trainedBy", actor);
        ObjectNode s = m.putObject("split");
        s.put("historyFrom", split.historyFrom().toString());
        s.put("historyTo", split.historyTo().toString());
        s.put("trainAsOf", split.trainAsOf().toString());
        s.put("trainLabelsEnd", split.trainLabelsEnd().toString());
        s.put("testAsOf", split.testAsOf().toString());
        s.put("testLabelsEnd", split.testLabelsEnd().toString());
        ObjectNode tr = m.putObject("train");
        tr.put("rows", e.trainRows());
        tr.put("bads", e.trainBads());
        put(tr, "badRate", e.trainBadRate());
        ObjectNode te = m.putObject("test");
        te.put("rows", e.testRows());
        te.put("bads", e.testBads());
        put(te, "badRate", e.testBadRate());
        put(m, "auc", e.auc());
        put(m, "ks", e.ks());
        put(m, "gini", e.gini());
        put(m, "trainAuc", e.trainAuc());
        ArrayNode cal = m.putArray("calibration");
        for (CalibrationBin c : e.calibration()) {
            ObjectNode b = cal.addObject();
            b.put("decile", c.decile());
            b.put("count", c.count());
            put(b, "meanPredicted", c.meanPredicted());
            put(b, "observedBad", c.observedBad());
        }
        put(m, "captureTop20", e.captureTop20());
        ObjectNode psi = m.putObject("psi");
        put(psi, "score", e.scorePsi());
        ObjectNode pf = psi.putObject("features");
        e.featurePsi().forEach((f, v) -> put(pf, f, v));
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        m.set("reference", referenceJson(e.reference()));
        return JSON.writeValueAsString(m);
    }

    private static void put(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    /** Writes a drift reference as JSON, kept under {@code reference} in a model's metrics. */
    static ObjectNode referenceJson(DriftReference r) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode cuts = o.putArray("scoreCuts");
        for (double c : r.scoreCuts()) {
            cuts.add(c);
        }
        ArrayNode shares = o.putArray("scoreShares");
        for (double v : r.scoreShares()) {
            shares.add(v);
        }
        ArrayNode features = o.putArray("features");
        for (FeatureReference f : r.features()) {
            FeatureBins b = f.bins();
            ObjectNode n = features.addObject();
            n.put("feature", b.feature());
            n.put("type", b.type().name());
            n.put("inModel", f.inModel());
            ArrayNode c = n.putArray("cuts");
            for (double v : b.cuts()) {
                c.add(v);
            }
            ObjectNode cat = n.putObject("categories");
            b.categories().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> cat.put(e.getKey(), e.getValue()));
            n.put("missingBin", b.missingBin());
            n.put("otherBin", b.otherBin());
            ArrayNode labels = n.putArray("labels");
            b.bins().forEach(x -> labels.add(x.label()));
            ArrayNode sh = n.putArray("shares");
            for (double v : f.shares()) {
                sh.add(v);
            }
        }
        return o;
    }

    /** Reads a drift reference back from its JSON. */
    static DriftReference reference(JsonNode o) {
        double[] cuts = doubles(o.path("scoreCuts"));
        double[] shares = doubles(o.path("scoreShares"));
        List<FeatureReference> features = new ArrayList<>();
        for (JsonNode n : o.path("features")) {
            List<Bin> bins = new ArrayList<>();
            for (JsonNode l : n.path("labels")) {
                bins.add(new Bin(l.asString(), 0, 0, 0));
            }
            Map<String, Integer> categories = new HashMap<>();
            n.path("categories").properties().forEach(e -> categories.put(e.getKey(), e.getValue().asInt()));
            FeatureBins b = new FeatureBins(n.path("feature").asString(),
                    Column.Type.valueOf(n.path("type").asString()), bins, doubles(n.path("cuts")), categories,
                    n.path("missingBin").asInt(), n.path("otherBin").asInt(), 0);
            features.add(new FeatureReference(b, doubles(n.path("shares")), n.path("inModel").asBoolean()));
        }
        return new DriftReference(cuts, shares, features);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
