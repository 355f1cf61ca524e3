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

    enum ActionState { PLANNED, CANCELLED, SENT, DONE, FAILED }

    private final Cycles cycles;

    CycleController(Cycles cycles) {
        this.cycles = cycles;
    }

    @PostMapping("/cycles")
    @Operation(summary = "Run the cycle for a date (resumes that date's unfinished run); answers 202 at once")
    ResponseEntity<CycleView> start(@RequestBody(required = false) CycleRequest request, Principal who) {
        LocalDate asOf = Params.date("asOf", request == null ? null : request.asOf(), true);
        CycleView run = cycles.start(asOf, who == null ? null : who.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/cycles/" + run.id())).body(run);
    }

    @GetMapping("/cycles/{id}")
    @Operation(summary = "Show a run: state, partitions done, accounts evaluated, actions planned, elapsed time")
    CycleView cycle(@PathVariable("id") String id) {
        long runId = Params.id("id", id, true);
        return cycles.cycle(runId).orElseThrow(() -> new NotFoundException("No cycle run with id " + runId));
    }

    @GetMapping("/cycles")
    @Operation(summary = "List recent runs, newest first")
    List<CycleView> cycles(@RequestParam(name = "limit", required = false) String limit) {
        return cycles.recent(Params.integer("limit", limit, 20, 1, 500));
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
        return cycles.actions(new ActionFilter(Params.date("date", date, false),
                Params.oneOf("channel", channel, Channel.class), Params.oneOf("action", action, ActionKind.class),
                Params.id("account", account, false), Params.oneOf("state", state, ActionState.class),
                Params.id("case", caseId, false), Params.integer("page", page, 0, 0, 1_000_000),
                Params.integer("size", size, 50, 1, 500)));
    }

    @GetMapping("/actions/{id}")
    @Operation(summary = "Show a planned action")
    PlannedActionView action(@PathVariable("id") String id) {
        long actionId = Params.id("id", id, true);
        return cycles.action(actionId).orElseThrow(() -> new NotFoundException("No planned action with id " + actionId));
    }

    @GetMapping("/actions/{id}/trace")
    @Operation(summary = "Explain a planned action: strategy version, segment, variant, step, the facts read and "
            + "every condition's result, recomputed from what was stored with it")
    DecisionView trace(@PathVariable("id") String id) {
        long actionId = Params.id("id", id, true);
        return cycles.trace(actionId).orElseThrow(() -> new NotFoundException("No planned action with id " + actionId));
    }

    @GetMapping("/cases")
    @Operation(summary = "List an account's collection cases, newest first")
    List<CaseView> cases(@RequestParam(name = "account", required = false) String account) {
        return cycles.cases(Params.id("account", account, true));
    }

    @GetMapping("/cases/{id}")
    @Operation(summary = "Show a case with its timeline")
    CaseView caseView(@PathVariable("id") String id) {
        long caseId = Params.id("id", id, true);
        return cycles.caseView(caseId).orElseThrow(() -> new NotFoundException("No case with id " + caseId));
    }

    @PostMapping("/strategies/{name}/evaluate")
    @Operation(summary = "Dry run: what the strategy (active version, or the given version) decides for an account "
            + "on a date, with its trace; writes nothing")
    DecisionView evaluate(@PathVariable("name") String name, @RequestBody(required = false) EvaluateRequest body) {
        if (body == null) {
            throw new dev.arrears.shared.BadParameterException("accountId", "required: the body "
                    + "{\"accountId\": 123, \"asOf\": \"2026-05-01\"}");
        }
        long accountId = Params.id("accountId", body.accountId(), true);
        LocalDate asOf = Params.date("asOf", body.asOf(), true);
        Long version = Params.id("version", body.version(), false);
        return cycles.evaluate(name, version == null ? null : version.intValue(), accountId, asOf);
    }

}
