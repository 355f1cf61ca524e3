package dev.arrears.scoring;

import dev.arrears.scoring.model.Metrics.CalibrationBin;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Read models of model training, evaluation and drift, for the command line and the API. */
public final class TrainingViews {

    private TrainingViews() {
    }

    /**
     * The time split a training run used, with the history it was cut from ({@code historyTo}: today, the last
     * day whose outcomes are known).
     */
    public record SplitView(LocalDate historyFrom, LocalDate historyTo, LocalDate trainAsOf, LocalDate trainLabelsEnd,
                            LocalDate testAsOf, LocalDate testLabelsEnd) {
    }

    /**
     * A model's quality on the test set (AUC, KS and Gini NaN when the test set holds one class only), the training
     * set's AUC, the calibration by decile, the share of the test set's bads among its riskiest 20% (0.2 is chance),
     * and the population stability of the score and of each feature between the training and the test set.
     */
    public record ModelMetrics(int trainRows, int trainBads, int testRows, int testBads, double auc, double ks,
                               double gini, double trainAuc, List<CalibrationBin> calibration, double captureTop20,
                               double scorePsi, Map<String, Double> featurePsi) {
    }

    /** A model trained and stored as a DRAFT (or activated when asked), with how long it took. */
    public record TrainedModel(long id, String target, int version, String kind, String status, ModelMetrics metrics,
                               double seconds) {
    }

    /** What a training run did: the split, the models trained side by side, the seconds in all. */
    public record TrainingReport(String target, SplitView split, List<TrainedModel> models, double seconds) {
    }

    /** One feature's population stability since training, and whether the model reads it. */
    public record FeatureDrift(String feature, double psi, boolean inModel) {
    }

    /**
     * The population stability of the active model's score and of each feature between its training set and today's
     * population; {@code warning} when any PSI exceeds 0.25.
     */
    public record DriftReport(String target, long modelId, int version, String kind, LocalDate trainedOnAsOf,
                              LocalDate asOf, int trainRows, int rows, double scorePsi, List<FeatureDrift> features,
                              boolean warning) {
    }
}
