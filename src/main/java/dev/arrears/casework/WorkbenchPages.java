package dev.arrears.casework;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.contact.CallTasks;
import dev.arrears.contact.ContactHistory;
import dev.arrears.contact.ContactViews.CallOutcome;
import dev.arrears.contact.ContactViews.CallTaskFilter;
import dev.arrears.contact.ContactViews.CallTaskView;
import dev.arrears.contact.ContactViews.ConversationResult;
import dev.arrears.contact.ContactViews.DialView;
import dev.arrears.contact.ContactViews.TimelineEntry;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.scoring.ScoreViews.AccountScore;
import dev.arrears.scoring.Scoring;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.UnprocessableInputException;
import dev.arrears.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The collector workbench: {@code /workbench} lists the collector's own call tasks and the open queue by priority;
 * "Next task" claims the top one; {@code /workbench/tasks/{id}} shows the account summary, the score with its
 * reasons, recent contacts and the suggested script, asks the compliance guard before dialling, and takes the
 * outcome (keys 1–9 with workbench.js; plain form posts without it), then moves to the next task.
 * {@code /workbench/queues} shows supervisors the tasks by queue and assignee and lets them reassign. Thin over the
 * contact module's {@link CallTasks}, the ledger and scoring.
 */
@Controller
@PreAuthorize(WorkbenchPages.WORKERS)
class WorkbenchPages {

    /** Who works call tasks on the workbench. */
    static final String WORKERS = "hasAnyRole('ADMIN', 'COLLECTOR', 'SUPERVISOR', 'MANAGER', 'AGENCY')";
    /** Who sees every queue and reassigns tasks. */
    static final String SUPERVISORS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'MANAGER')";
    /** Open tasks shown in the queue. */
    static final int QUEUE_SIZE = 25;
    /** Tasks shown on the supervisors' page. */
    static final int SUPERVISED = 100;
    /** Timeline lines shown on a task, newest first. */
    static final int RECENT_CONTACTS = 10;

    private static final Logger log = LoggerFactory.getLogger(WorkbenchPages.class);

    /** An outcome a collector picks, by key: what the guard's vocabulary calls it and what more it needs. */
    public enum Choice {
        PROMISE(Outcome.CONVERSATION, ConversationResult.PROMISE),
        NO_ANSWER(Outcome.NO_ANSWER, null),
        WRONG_PARTY(Outcome.WRONG_PARTY, null),
        REFUSED(Outcome.CONVERSATION, ConversationResult.REFUSED),
        DISPUTE(Outcome.CONVERSATION, ConversationResult.DISPUTE),
        VOICEMAIL(Outcome.VOICEMAIL, null),
        NOT_CONNECTED(Outcome.NOT_CONNECTED, null),
        CALL_BACK(Outcome.CONVERSATION, ConversationResult.CALL_BACK),
        OTHER(Outcome.CONVERSATION, ConversationResult.OTHER);

        final Outcome outcome;
        final ConversationResult result;

        Choice(Outcome outcome, ConversationResult result) {
            this.outcome = outcome;
            this.result = result;
        }

        /** Returns the key that picks it: 1 … 9. */
        public int key() {
            return ordinal() + 1;
        }

        /** Returns the message key of its label. */
        public String label() {
            return "workbench.outcome." + name();
        }

        /** Returns true when it needs the promise's fields. */
        public boolean promise() {
            return this == PROMISE;
        }

        /** Returns true when it needs a call-back time. */
        public boolean callBack() {
            return this == CALL_BACK;
        }

        static Optional<Choice> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            String t = text.strip().toUpperCase(Locale.ROOT);
            return Stream.of(values()).filter(c -> c.name().equals(t) || String.valueOf(c.key()).equals(t))
                    .findFirst();
        }
    }

    /** The account behind a task as a collector sees it. */
    public record Summary(AccountSummary account, CustomerView customer, String zone, AccountScore score,
                   List<TimelineEntry> contacts) {
    }

    /** The outcome form as posted, to show it again with its errors. */
    public record OutcomeForm(String choice, String promiseAmount, String promiseDate, String callBackAt, String note) {

        static OutcomeForm empty() {
            return new OutcomeForm(null, null, null, null, null);
        }
    }

    private final CallTasks tasks;
    private final ContactHistory history;
    private final Ledger ledger;
    private final Scoring scoring;

    WorkbenchPages(CallTasks tasks, ContactHistory history, Ledger ledger, Scoring scoring) {
        this.tasks = tasks;
        this.history = history;
        this.ledger = ledger;
        this.scoring = scoring;
    }

    @ModelAttribute("fmt")
    Formats formats() {
        return Formats.INSTANCE;
    }

    /** Shows the collector's own tasks and the open queue, highest priority first. */
    @GetMapping("/workbench")
    String workbench(@RequestParam(name = "queue", required = false) String queue,
                     @RequestParam(name = "empty", required = false) String empty,
                     @RequestParam(name = "done", required = false) String done,
                     @RequestParam(name = "taken", required = false) String taken,
                     Model model, Principal who) {
        String q = queue == null || queue.isBlank() ? null : queue.strip();
        model.addAttribute("mine", mine(who.getName()));
        model.addAttribute("pool", tasks.pool(q, QUEUE_SIZE));
        model.addAttribute("queue", q);
        model.addAttribute("empty", empty != null);
        model.addAttribute("done", done);
        model.addAttribute("taken", taken);
        return "workbench";
    }

    /** Claims the collector's next task and opens it; back to the list when the queue is empty. */
    @PostMapping("/workbench/next")
    String next(@RequestParam(name = "queue", required = false) String queue, Principal who) {
        String q = queue == null || queue.isBlank() ? null : queue.strip();
        return tasks.next(who.getName(), q).map(t -> "redirect:/workbench/tasks/" + t.id())
                .orElse("redirect:/workbench?empty");
    }

    /** Claims one task and opens it; back to the list when someone else holds it. */
    @PostMapping("/workbench/tasks/{id}/claim")
    String claim(@PathVariable("id") long id, Principal who) {
        try {
            tasks.claim(id, who.getName());
            return "redirect:/workbench/tasks/" + id;
        } catch (ConflictException e) {
            return "redirect:/workbench?taken=" + id;
        }
    }

    /** Shows a task: the account summary, the script, the guard's answer after dialling, and the outcome form. */
    @GetMapping("/workbench/tasks/{id}")
    String task(@PathVariable("id") String id, Model model, HttpServletResponse response, Principal who) {
        Optional<CallTaskView> task = parse(id).flatMap(tasks::task);
        if (task.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("what", id);
            return "not-found";
        }
        show(task.get(), model, who.getName());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", OutcomeForm.empty());
        }
        return "workbench-task";
    }

    /** Asks the compliance guard (channel CALL) and shows its answer: ALLOW with the number, DEFER, BLOCK. */
    @PostMapping("/workbench/tasks/{id}/dial")
    String dial(@PathVariable("id") long id, Principal who, RedirectAttributes redirect) {
        try {
            DialView dial = tasks.dial(id, who.getName());
            redirect.addFlashAttribute("dial", dial);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problems", details(e.errors()));
        }
        return "redirect:/workbench/tasks/" + id;
    }

    /** Records the outcome of the dialled call and opens the collector's next task (the list when none is left). */
    @PostMapping("/workbench/tasks/{id}/outcome")
    String outcome(@PathVariable("id") long id, @RequestParam(name = "choice", required = false) String choice,
                   @RequestParam(name = "promiseAmount", required = false) String promiseAmount,
                   @RequestParam(name = "promiseDate", required = false) String promiseDate,
                   @RequestParam(name = "callBackAt", required = false) String callBackAt,
                   @RequestParam(name = "note", required = false) String note,
                   Model model, HttpServletResponse response, Principal who) {
        CallTaskView task = tasks.task(id).orElseThrow(() -> new NotFoundException("No call task with id " + id));
        OutcomeForm form = new OutcomeForm(choice, promiseAmount, promiseDate, callBackAt, note);
        List<String> problems = new ArrayList<>();
        Optional<Choice> picked = Choice.parse(choice);
        if (picked.isEmpty()) {
            problems.add("choice");
        }
        LocalDate date = null;
        if (picked.filter(Choice::promise).isPresent() && present(promiseDate)) {
            try {
                date = LocalDate.parse(promiseDate.strip());
            } catch (DateTimeException e) {
                problems.add("promiseDate");
            }
        }
        Instant at = null;
        if (picked.filter(Choice::callBack).isPresent() && present(callBackAt)) {
            try {
                at = LocalDateTime.parse(callBackAt.strip()).atZone(zone(task)).toInstant();
            } catch (DateTimeException e) {
                problems.add("callBackAt");
            }
        }
        if (problems.isEmpty()) {
            Choice c = picked.get();
            try {
                tasks.recordOutcome(id, who.getName(), new CallOutcome(c.outcome, c.result, at,
                        present(note) ? note.strip() : null,
                        c.promise() && present(promiseAmount) ? promiseAmount.strip() : null, date));
                return tasks.next(who.getName(), task.queue()).or(() -> tasks.next(who.getName(), null))
                        .map(t -> "redirect:/workbench/tasks/" + t.id() + "?after=" + id)
                        .orElse("redirect:/workbench?done=" + id);
            } catch (InvalidInputException e) {
                model.addAttribute("problems", details(e.errors()));
            } catch (ConflictException e) {
                model.addAttribute("problems", details(e.errors()));
            }
        } else {
            model.addAttribute("missing", problems);
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("form", form);
        show(tasks.task(id).orElseThrow(), model, who.getName());
        return "workbench-task";
    }

    /** Shows supervisors the tasks by queue and assignee, and the open tasks to reassign. */
    @GetMapping("/workbench/queues")
    @PreAuthorize(SUPERVISORS)
    String queues(@RequestParam(name = "assigned", required = false) String assigned,
                  @RequestParam(name = "refused", required = false) String refused, Model model) {
        model.addAttribute("loads", tasks.loads());
        model.addAttribute("active", tasks.active(SUPERVISED));
        model.addAttribute("assigned", assigned);
        model.addAttribute("refused", refused);
        model.addAttribute("now", ledger.clock().instant());
        return "workbench-queues";
    }

    /**
     * Assigns an open task to a user, or releases it when the assignee is left blank; a name that is no enabled
     * user working call tasks shows the page again (422) with the problem beside that task's field.
     */
    @PostMapping("/workbench/queues/assign")
    @PreAuthorize(SUPERVISORS)
    String assign(@RequestParam(name = "task") long task,
                  @RequestParam(name = "assignee", required = false) String assignee, Principal who, Model model,
                  HttpServletResponse response) {
        try {
            tasks.assign(task, present(assignee) ? assignee.strip() : null, who.getName());
            return "redirect:/workbench/queues?assigned=" + task;
        } catch (UnprocessableInputException e) {
            response.setStatus(422);
            model.addAttribute("assignTask", task);
            model.addAttribute("assignInput", assignee.strip());
            String page = queues(null, null, model);
            @SuppressWarnings("unchecked")
            List<CallTaskView> shown = (List<CallTaskView>) model.getAttribute("active");
            if (shown.stream().noneMatch(t -> t.id() == task)) {
                // the task's row must be there to carry the problem beside its field
                tasks.task(task).ifPresent(t -> {
                    List<CallTaskView> with = new ArrayList<>(shown);
                    with.addFirst(t);
                    model.addAttribute("active", with);
                });
            }
            return page;
        } catch (ConflictException | InvalidInputException e) {
            return "redirect:/workbench/queues?refused=" + task;
        }
    }

    private void show(CallTaskView task, Model model, String user) {
        model.addAttribute("task", task);
        model.addAttribute("summary", summary(task, user));
        model.addAttribute("choices", Choice.values());
        model.addAttribute("mineNow", user.equals(task.assignee()));
        model.addAttribute("awaitingOutcome", task.state().equals("CLAIMED") && user.equals(task.claimedBy()));
        model.addAttribute("scriptRendered", task.script() != null && !task.script().equals("call_script"));
    }

    private Summary summary(CallTaskView task, String user) {
        AccountView account = ledger.account(task.accountId(), null).orElseThrow(
                () -> new NotFoundException("account " + task.accountId()));
        List<TimelineEntry> contacts = history.timeline(task.accountId(), user).entries().reversed().stream()
                .limit(RECENT_CONTACTS).toList();
        AccountScore score = null;
        try {
            score = scoring.currentOrNow(task.accountId());
        } catch (RuntimeException e) {
            log.warn("no score for account {}: {}", task.accountId(), e.getMessage());
        }
        return new Summary(account.summary(), account.customer(), zoneOf(account.customer()).getId(), score,
                contacts);
    }

    private List<CallTaskView> mine(String user) {
        List<CallTaskView> mine = new ArrayList<>(tasks.tasks(new CallTaskFilter(null, "CLAIMED", user, 0,
                QUEUE_SIZE)).items());
        mine.addAll(tasks.tasks(new CallTaskFilter(null, "OPEN", user, 0, QUEUE_SIZE)).items());
        return mine;
    }

    private ZoneId zone(CallTaskView task) {
        return ledger.customers(List.of(task.customerId())).values().stream().findFirst()
                .map(WorkbenchPages::zoneOf).orElse(ZoneId.of("UTC"));
    }

    private static ZoneId zoneOf(CustomerView customer) {
        try {
            return customer == null || customer.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(customer.timeZone());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static List<String> details(List<FieldError> errors) {
        return errors.stream().map(FieldError::detail).toList();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static Optional<Long> parse(String id) {
        try {
            return Optional.of(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
