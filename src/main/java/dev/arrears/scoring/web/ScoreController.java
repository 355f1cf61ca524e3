package dev.arrears.scoring.web;

import dev.arrears.scoring.ScoreViews.AccountScore;
import dev.arrears.scoring.Scoring;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/accounts/{id}/score}: an account's current score with its reasons and history. An account the
 * scoring run has not scored (it owes nothing) is scored on the spot as of today, without storing it; an unknown
 * account is a 404 problem.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Risk scoring", description = "Account scores, their reasons and history")
class ScoreController {

    /** The answer's shape. */
    record ScoreJson(long accountId, LocalDate scoredOn, long points, String grade, double probabilityBad,
                     Integer modelVersion, String modelKind, List<ReasonJson> reasons, Double missRisk,
                     List<PointJson> history) {
    }

    record ReasonJson(String feature, String bin, double points) {
    }

    record PointJson(LocalDate scoredOn, long points, String grade) {
    }

    private final Scoring scoring;

    ScoreController(Scoring scoring) {
        this.scoring = scoring;
    }

    @GetMapping("/accounts/{id}/score")
    @Operation(summary = "Return an account's risk score, its top reasons and its score history")
    ScoreJson score(@PathVariable("id") long id) {
        AccountScore s = scoring.currentOrNow(id);
        return new ScoreJson(s.accountId(), s.scoredOn(), s.points(), s.grade(), s.probabilityBad(),
                s.modelVersion(), s.modelKind(),
                s.reasons().stream().map(r -> new ReasonJson(r.feature(), r.bin(), r.points())).toList(),
                s.missRisk(), s.history().stream().map(p -> new PointJson(p.scoredOn(), p.points(), p.grade()))
                .toList());
    }
}
