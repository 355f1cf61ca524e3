package dev.arrears.cycle.web;

import dev.arrears.cycle.CaseViews.ActionFilter;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.CaseViews.DecisionView;
import dev.arrears.cycle.CaseViews.PlannedActionView;
import dev.arrears.cycle.Cycles;
import dev.arrears.cycle.CycleView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.Channel;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.Parameters;
import dev.arrears.strategy.domain.ActionKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;


/**
 * The cycle over JSON: start a run for a date (202 with a Location to poll), follow it, list what was planned,
 * read cases with their timelines, the trace behind an action, and a strategy's dry run for one account.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Cycle", description = "Collection cycle runs, cases, planned actions and decision traces")
class CycleController {

    /** Body of {@code POST /api/v1/cycles}. */
    record CycleRequest(String asOf) {
    }

    /** Body of {@code POST /api/v1/strategies/{name}/evaluate}. */
    record EvaluateRequest(String accountId, String asOf, String version) {
    }

    enum ActionState { PLANNED, QUEUED, CANCELLED, SENT, DONE, FAILED }

    private final Cycles cycles;

    CycleController(Cycles cycles) {
        this.cycles = cycles;
    }

    /** Reads an id from the path. */
    private static long pathId(String text) {
        Parameters parameters = new Parameters();
        Long id = parameters.id("id", text);
        parameters.required("id", id, "/42");
        parameters.check();
        return id;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    @PostMapping("/cycles")
    @Operation(summary = "Run the cycle for a date (resumes that date's unfinished run); answers 202 at once")
    ResponseEntity<CycleView> start(@RequestBody(required = false) CycleRequest request, Principal who) {
        Parameters parameters = new Parameters();
        LocalDate asOf = parameters.date("asOf", request == null ? null : request.asOf());
        parameters.required("asOf", asOf, "2026-05-01");
        parameters.check();
        CycleView run = cycles.start(asOf, who == null ? null : who.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/cycles/" + run.id())).body(run);
    }

    @GetMapping("/cycles/{id}")
    @Operation(summary = "Show a run: state, partitions done, accounts evaluated, actions planned, elapsed time")
    CycleView cycle(@PathVariable("id") String id) {
        long runId = pathId(id);
        return cycles.cycle(runId).orElseThrow(() -> new NotFoundException("No cycle run with id " + runId));
    }

    @GetMapping("/cycles")
    @Operation(summary = "List recent runs, newest first")
    List<CycleView> cycles(@RequestParam(name = "limit", required = false) String limit) {
        Parameters parameters = new Parameters();
        int n = parameters.integer("limit", limit, 20, 1, 500);
        parameters.check();
        return cycles.recent(n);
    }

    @GetMapping("/actions")
    @Operation(summary = "List planned actions, newest first, filtered by cycle date, channel, action, account, "
            + "case and state")
    Page<PlannedActionView> actions(@RequestParam(name = "date", required = false) String date,
                                    @RequestParam(name = "channel", required = false) String channel,
                                    @RequestParam(name = "action", required = false) String action,
                                    @RequestParam(name = "account", required = false) String account,
                                    @RequestParam(name = "case", required = false) String caseId,
                                    @RequestParam(name = "state", required = false) String state,
                                    @RequestParam(name = "page", required = false) String page,
                                    @RequestParam(name = "size", required = false) String size) {
        Parameters p = new Parameters();
        ActionFilter filter = new ActionFilter(p.date("date", date), name(p.oneOf("channel", channel, Channel.class)),
                name(p.oneOf("action", action, ActionKind.class)), p.id("account", account),
                name(p.oneOf("state", state, ActionState.class)), p.id("case", caseId),
                p.integer("page", page, 0, 0, 1_000_000), p.integer("size", size, 50, 1, 500));
        p.check();
        return cycles.actions(filter);
    }

    @GetMapping("/actions/{id}")
    @Operation(summary = "Show a planned action")
    PlannedActionView action(@PathVariable("id") String id) {
        long actionId = pathId(id);
        return cycles.action(actionId).orElseThrow(() -> new NotFoundException("No planned action with id " + actionId));
    }

    @GetMapping("/actions/{id}/trace")
    @Operation(summary = "Explain a planned action: strategy version, segment, variant, step, the facts read and "
            + "every condition's result, recomputed from what was stored with it")
    DecisionView trace(@PathVariable("id") String id) {
        long actionId = pathId(id);
        return cycles.trace(actionId).orElseThrow(() -> new NotFoundException("No decision trace for planned action "
                + actionId + ": no such action, or another module planned it"));
    }

    @GetMapping("/cases")
    @Operation(summary = "List an account's collection cases, newest first")
    List<CaseView> cases(@RequestParam(name = "account", required = false) String account) {
        Parameters parameters = new Parameters();
        Long accountId = parameters.id("account", account);
        parameters.required("account", accountId, "?account=42");
        parameters.check();
        return cycles.cases(accountId);
    }

    @GetMapping("/cases/{id}")
    @Operation(summary = "Show a case with its timeline")
    CaseView caseView(@PathVariable("id") String id) {
        long caseId = pathId(id);
        return cycles.caseView(caseId).orElseThrow(() -> new NotFoundException("No case with id " + caseId));
    }

    @PostMapping("/strategies/{name}/evaluate")
    @Operation(summary = "Dry run: what the strategy (active version, or the given version) decides for an account "
            + "on a date, with its trace; writes nothing")
    DecisionView evaluate(@PathVariable("name") String name, @RequestBody(required = false) EvaluateRequest body) {
        Parameters parameters = new Parameters();
        Long accountId = parameters.id("accountId", body == null ? null : body.accountId());
        LocalDate asOf = parameters.date("asOf", body == null ? null : body.asOf());
        Long version = parameters.id("version", body == null ? null : body.version());
        parameters.required("accountId", accountId, "{\"accountId\": 123, \"asOf\": \"2026-05-01\"}");
        parameters.required("asOf", asOf, "2026-05-01");
        parameters.check();
        return cycles.evaluate(name, version == null ? null : version.intValue(), accountId, asOf);
    }

}
