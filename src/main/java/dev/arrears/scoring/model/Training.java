package dev.arrears.scoring.model;

/**
 * Trains a model of a kind on a dataset: {@code scorecard} (the explainable default) or {@code challenger}
 * (gradient-boosted trees). Deterministic for a given dataset and seed.
 */
public final class Training {

    private Training() {
    }

    /** Returns a model of the kind trained on the data. */
    public static Model train(String kind, Dataset data, long seed) {
        throw new UnsupportedOperationException("model kind " + kind + " is not built yet");
    }
}
