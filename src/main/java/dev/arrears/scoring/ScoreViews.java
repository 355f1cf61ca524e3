package dev.arrears.scoring;

import java.time.LocalDate;
import java.util.List;

/** Read models of the scoring module: an account's score with its reasons and history, and a scoring run. */
public final class ScoreViews {

    private ScoreViews() {
    }

    /**
     * An account's current score. {@code modelVersion} is null when the interim points rule scored it;
     * {@code missRisk} is null without an active early-warning model.
     */
    public record AccountScore(long accountId, LocalDate scoredOn, long points, String grade, double probabilityBad,
                               Integer modelVersion, String modelKind, List<ReasonView> reasons, Double missRisk,
                               List<HistoryPoint> history) {
    }

    /** One reason of a score: the feature, the bin the account fell in and the points earned there. */
    public record ReasonView(String feature, String bin, double points) {
    }

    /** One row of the score history. */
    public record HistoryPoint(LocalDate scoredOn, long points, String grade) {
    }

    /**
     * What a scoring run did: accounts scored, history rows written, the models used (null: the interim rule, no
     * early-warning model) and the elapsed time.
     */
    public record ScoreRun(LocalDate asOf, long accounts, long historyRows, Long modelId, Integer modelVersion,
                           Long missModelId, double seconds) {
    }

    /**
     * An account's current grade and where it stands among the configured grades: {@code rank} 0 is the best,
     * {@code grades - 1} the worst.
     */
    public record GradeRank(long accountId, String grade, int rank, int grades) {
    }
}
