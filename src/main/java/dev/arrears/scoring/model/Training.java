package dev.arrears.scoring.model;

/**
 * Trains a model of a kind on a dataset: {@code scorecard} (the explainable default) or {@code challenger}
 * (gradient-boosted trees). Deterministic for a given dataset and seed.
 */
public final class Training {

    private Training() {
    }

    /** Returns a model of the kind trained on the data with the default options. */
    public static Model train(String kind, Dataset data, long seed) {
        return train(kind, data, seed, ScorecardOptions.defaults(), ChallengerOptions.defaults());
    }

    /** Returns a model of the kind trained on the data; each kind reads its own options. */
    public static Model train(String kind, Dataset data, long seed, ScorecardOptions scorecard,
                              ChallengerOptions challenger) {
        if (kind == null) {
            throw new IllegalArgumentException("a model kind is required (scorecard or challenger)");
        }
        return switch (kind) {
            // the scorecard's fit is deterministic without a seed
            case Scorecard.KIND -> Scorecard.train(data, scorecard);
            case Challenger.KIND -> Challenger.train(data, challenger, seed);
            default -> throw new IllegalArgumentException("model kind " + kind + " is unknown (scorecard or "
                    + "challenger)");
        };
    }
}
