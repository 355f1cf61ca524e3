package dev.arrears.contact.web;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.contact.CallTasks;
import dev.arrears.contact.ContactViews.CallOutcome;
import dev.arrears.contact.ContactViews.CallTaskFilter;
import dev.arrears.contact.ContactViews.CallTaskView;
import dev.arrears.contact.ContactViews.ConversationResult;
import dev.arrears.contact.ContactViews.DialView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Call tasks over JSON: the queue, the guard's answer before dialling, and the outcome after the call, in the
 * guard's vocabulary (NOT_CONNECTED, NO_ANSWER, VOICEMAIL, WRONG_PARTY, CONVERSATION with PROMISE and its date and
 * amount, DISPUTE, REFUSED, CALL_BACK and a time, or OTHER).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Call tasks", description = "Collector queues: dial after the compliance guard allowed it, record outcomes")
class CallTaskController {

    /** Body of {@code POST /api/v1/call-tasks/{id}/outcome}. */
    record OutcomeRequest(String outcome, String result, String callBackAt, String note, String promiseAmount,
                          String promiseDate) {
    }

    /** Body of {@code POST /api/v1/call-tasks/{id}/assign}: a user name, or null to release the task. */
    record AssignRequest(String assignee) {
    }

    enum TaskState { OPEN, CLAIMED, DONE, CANCELLED }

    /** Who works call tasks: those who may claim one (the {@code next} read claims, so it is narrowed too). */
    static final String COLLECTORS = "hasAnyRole('ADMIN', 'COLLECTOR', 'SUPERVISOR', 'MANAGER', 'AGENCY')";

    private final CallTasks tasks;

    CallTaskController(CallTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/call-tasks")
    @Operation(summary = "List call tasks by queue, state and assignee (mine=true: the caller's), highest priority"
            + " first")
    Page<CallTaskView> tasks(@RequestParam(name = "queue", required = false) String queue,
                             @RequestParam(name = "state", required = false) String state,
                             @RequestParam(name = "assignee", required = false) String assignee,
                             @RequestParam(name = "mine", required = false) String mine,
                             @RequestParam(name = "page", required = false) String page,
                             @RequestParam(name = "size", required = false) String size, Principal who) {
        Parameters p = new Parameters();
        TaskState s = p.oneOf("state", state, TaskState.class);
        Boolean onlyMine = null;
        if (Parameters.present(mine)) {
            switch (mine.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> onlyMine = true;
                case "false" -> onlyMine = false;
                default -> p.problem("mine", "'" + Parameters.abbreviate(mine) + "' is not true or false");
            }
        }
        CallTaskFilter filter = new CallTaskFilter(Parameters.present(queue) ? queue.strip() : null,
                s == null ? null : s.name(),
                Boolean.TRUE.equals(onlyMine) ? who.getName() : Parameters.present(assignee) ? assignee.strip() : null,
                p.integer("page", page, 0, 0, 1_000_000), p.integer("size", size, 50, 1, 500));
        p.check();
        return tasks.tasks(filter);
    }

    @GetMapping("/call-tasks/next")
    @PreAuthorize(COLLECTORS)
    @Operation(summary = "Claim and return the caller's next task: one of theirs awaiting an outcome or due, else the"
            + " highest-priority due task nobody holds (of the queue); 204 when there is none")
    ResponseEntity<CallTaskView> next(@RequestParam(name = "queue", required = false) String queue, Principal who) {
        return tasks.next(who.getName(), Parameters.present(queue) ? queue.strip() : null)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/call-tasks/{id}/claim")
    @Operation(summary = "Claim a task for the caller: 200 when it is theirs now, 409 when someone else holds it")
    CallTaskView claim(@PathVariable("id") String id, Principal who) {
        return tasks.claim(Paths.id(id), who.getName());
    }

    @PostMapping("/call-tasks/{id}/assign")
    @Operation(summary = "Assign an open task to a user until released, or release it ({\"assignee\": null})")
    CallTaskView assign(@PathVariable("id") String id, @RequestBody(required = false) AssignRequest body,
                        Principal who) {
        long taskId = Paths.id(id);
        return tasks.assign(taskId, body == null ? null : body.assignee(), who.getName());
    }

    @GetMapping("/call-tasks/{id}")
    @Operation(summary = "Show a call task with its account summary and suggested script")
    CallTaskView task(@PathVariable("id") String id) {
        long taskId = Paths.id(id);
        return tasks.task(taskId).orElseThrow(() -> new NotFoundException("No call task with id " + taskId));
    }

    @PostMapping("/call-tasks/{id}/dial")
    @Operation(summary = "Ask the compliance guard before dialling: ALLOW (dial the number; the call is recorded), "
            + "DEFER (not before), BLOCK (why), or CANCELLED (paid, on hold)")
    DialView dial(@PathVariable("id") String id, Principal who) {
        return tasks.dial(Paths.id(id), who.getName());
    }

    @PostMapping("/call-tasks/{id}/outcome")
    @Operation(summary = "Record how the last dialled call ended")
    CallTaskView outcome(@PathVariable("id") String id, @RequestBody(required = false) OutcomeRequest body,
                         Principal who) {
        long taskId = Paths.id(id);
        List<FieldError> errors = new ArrayList<>();
        OutcomeRequest b = body == null ? new OutcomeRequest(null, null, null, null, null, null) : body;
        Outcome outcome = oneOf("/outcome", b.outcome(), Outcome.class, errors);
        ConversationResult result = oneOf("/result", b.result(), ConversationResult.class, errors);
        Instant callBackAt = null;
        if (Parameters.present(b.callBackAt())) {
            try {
                callBackAt = Instant.parse(b.callBackAt().strip());
            } catch (DateTimeParseException e) {
                errors.add(FieldError.at("/callBackAt", "'" + Parameters.abbreviate(b.callBackAt())
                        + "' is not an instant such as 2026-11-24T09:00:00Z"));
            }
        }
        java.time.LocalDate promiseDate = null;
        if (Parameters.present(b.promiseDate())) {
            try {
                promiseDate = java.time.LocalDate.parse(b.promiseDate().strip());
            } catch (DateTimeParseException e) {
                errors.add(FieldError.at("/promiseDate", "'" + Parameters.abbreviate(b.promiseDate())
                        + "' is not a date such as 2026-11-27"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return tasks.recordOutcome(taskId, who.getName(), new CallOutcome(outcome, result, callBackAt, b.note(),
                Parameters.present(b.promiseAmount()) ? b.promiseAmount().strip() : null, promiseDate));
    }

    private static <E extends Enum<E>> E oneOf(String pointer, String text, Class<E> type, List<FieldError> errors) {
        if (!Parameters.present(text)) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        errors.add(FieldError.at(pointer, "'" + Parameters.abbreviate(text) + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }
}
