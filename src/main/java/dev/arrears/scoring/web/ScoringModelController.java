package dev.arrears.scoring.web;

import dev.arrears.scoring.ScoreTraining;
import dev.arrears.scoring.ScoreTraining.ModelDetail;
import dev.arrears.scoring.TrainingRefused;
import dev.arrears.scoring.TrainingViews.DriftReport;
import dev.arrears.scoring.TrainingViews.FeatureDrift;
import dev.arrears.scoring.TrainingViews.TrainedModel;
import dev.arrears.scoring.TrainingViews.TrainingReport;
import dev.arrears.scoring.model.Bin;
import dev.arrears.scoring.model.Scorecard;
import dev.arrears.scoring.persistence.ModelStore.ModelRow;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The risk models' API: train a model on the portfolio's history ({@code POST /api/v1/scoring/models}, strategists
 * and administrators), list and read the stored models, activate one (the target's previous active model retires;
 * audited), and measure the drift of the active model's population since training. A history too short for the
 * time split is a 409 problem; bad fields a 400 problem; unknown models 404.
 */
@RestController
@RequestMapping("/api/v1/scoring")
@Tag(name = "Risk models", description = "Training, evaluation, activation and drift of the risk models")
class ScoringModelController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The body of a training request; absent fields take their defaults. */
    record TrainRequest(String target, String kind, Boolean activate, Long seed) {
    }

    /** A stored model as listed (its metrics without the training reference). */
    record ModelJson(long id, String target, int version, String kind, String status, Instant trainedAt,
                     LocalDate trainedOnAsOf, String createdBy, List<String> features, JsonNode metrics) {
    }

    /** A scorecard feature with its information value, coefficient and bins. */
    record CardFeatureJson(String feature, double informationValue, double coefficient, List<BinJson> bins) {
    }

    record BinJson(String label, long goods, long bads, double woe, double points) {
    }

    /** One stored model in full: for a scorecard its features and bins with points. */
    record ModelDetailJson(long id, String target, int version, String kind, String status, Instant trainedAt,
                           LocalDate trainedOnAsOf, String createdBy, JsonNode metrics,
                           List<CardFeatureJson> scorecard) {
    }

    private final ScoreTraining training;

    ScoringModelController(ScoreTraining training) {
        this.training = training;
    }

    @PostMapping(path = "/models", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('STRATEGIST', 'ADMIN')")
    @Operation(summary = "Train a model on the portfolio's history, evaluate it on a later period and store it as a "
            + "DRAFT (or activate it)")
    ResponseEntity<ModelJson> train(@RequestBody(required = false) TrainRequest body, Principal principal) {
        TrainRequest r = body == null ? new TrainRequest(null, null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        String target = null;
        try {
            target = ScoreTraining.target(r.target());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at("/target", e.getMessage()));
        }
        String kind = r.kind() == null ? "scorecard" : r.kind().strip().toLowerCase(Locale.ROOT);
        if (!ScoreTraining.KINDS.contains(kind)) {
            errors.add(FieldError.at("/kind", "kind is scorecard or challenger, not " + r.kind()));
        }
        if (r.seed() != null && r.seed() < 0) {
            errors.add(FieldError.at("/seed", "seed is a whole number of 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        TrainingReport report = training.train(target, List.of(kind), r.seed() == null ? 1 : r.seed(),
                Boolean.TRUE.equals(r.activate()), principal.getName());
        TrainedModel m = report.models().getFirst();
        return ResponseEntity.created(URI.create("/api/v1/scoring/models/" + m.id())).body(json(training.model(m.id())
                .row()));
    }

    @GetMapping("/models")
    @Operation(summary = "List the stored models of a target (both targets by default), newest first")
    List<ModelJson> list(@RequestParam(name = "target", required = false) String target) {
        return training.models(target).stream().map(ScoringModelController::json).toList();
    }

    @GetMapping("/models/{id}")
    @Operation(summary = "Show a stored model: its metrics and, for a scorecard, its features with IV and its bins "
            + "with points")
    ModelDetailJson get(@PathVariable("id") long id) {
        ModelDetail d = training.model(id);
        ModelRow row = d.row();
        List<CardFeatureJson> card = null;
        if (d.model() instanceof Scorecard s) {
            card = new ArrayList<>();
            for (int f = 0; f < s.features().size(); f++) {
                Scorecard.Feature feature = s.features().get(f);
                List<BinJson> bins = new ArrayList<>();
                for (int b = 0; b < feature.bins().bins().size(); b++) {
                    Bin bin = feature.bins().bins().get(b);
                    bins.add(new BinJson(bin.label(), bin.goods(), bin.bads(), round(bin.woe(), 4),
                            round(s.binPoints(f, b), 1)));
                }
                card.add(new CardFeatureJson(feature.bins().feature(), round(feature.bins().informationValue(), 4),
                        round(feature.coefficient(), 4), bins));
            }
        }
        return new ModelDetailJson(row.id(), row.target(), row.version(), row.kind(), row.status(), row.trainedAt(),
                row.trainedOnAsOf(), row.createdBy(), metrics(row.metrics()), card);
    }

    @PostMapping("/models/{id}/activate")
    @PreAuthorize("hasAnyRole('STRATEGIST', 'ADMIN')")
    @Operation(summary = "Make a model the active one of its target; the previous one retires; the next scoring run "
            + "uses it")
    ModelJson activate(@PathVariable("id") long id, Principal principal) {
        return json(training.activate(id, principal.getName()));
    }

    @GetMapping("/drift")
    @Operation(summary = "Population stability of the active model's score and of each feature between its training "
            + "set and today's population; warning when any PSI exceeds 0.25")
    DriftReport drift(@RequestParam(name = "target", required = false) String target) {
        DriftReport r = training.drift(target);
        return new DriftReport(r.target(), r.modelId(), r.version(), r.kind(), r.trainedOnAsOf(), r.asOf(),
                r.trainRows(), r.rows(), round(r.scorePsi(), 4),
                r.features().stream().map(f -> new FeatureDrift(f.feature(), round(f.psi(), 4), f.inModel()))
                        .toList(), r.warning());
    }

    @ExceptionHandler(TrainingRefused.class)
    ResponseEntity<ProblemDetail> refused(TrainingRefused e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setTitle("Cannot train on this history");
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static ModelJson json(ModelRow row) {
        return new ModelJson(row.id(), row.target(), row.version(), row.kind(), row.status(), row.trainedAt(),
                row.trainedOnAsOf(), row.createdBy(), row.features(), metrics(row.metrics()));
    }

    /** Returns the stored metrics without the training reference (kept for drift, large and not a metric). */
    private static JsonNode metrics(String json) {
        JsonNode node = JSON.readTree(json == null ? "{}" : json);
        if (node instanceof ObjectNode o) {
            o.remove("reference");
        }
        return node;
    }

    private static double round(double v, int places) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, places);
        return Math.round(v * scale) / scale;
    }
}
