package dev.arrears.cycle.web;

import dev.arrears.cycle.CycleBusyException;
import dev.arrears.cycle.CycleView;
import dev.arrears.cycle.Cycles;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cycle run pages: {@code /cycles} lists recent runs with their results and offers MANAGER, STRATEGIST and
 * ADMIN a form that starts a run in the background; {@code /cycles/{id}} shows one run, following its progress
 * live through server-sent events ({@code /cycles/{id}/events}: {@code progress} events about twice a second while
 * it runs, then one {@code done} event) and reading the same figures again on reload. One run at a time: a start
 * while a run this server started is at work is refused with a notice that links to it. Today's date, the form's
 * default, is taken in {@code arrears.operations.zone} (default UTC), the zone the pages also show times in.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'STRATEGIST', 'MANAGER', 'SUPERVISOR', 'COLLECTOR', 'AUDITOR')")
class CyclePages {

    private static final Logger log = LoggerFactory.getLogger(CyclePages.class);

    /** Runs listed on {@code /cycles}, newest first. */
    static final int RECENT = 20;
    /** How often the event stream reads the run, in milliseconds. */
    static final long POLL_MILLIS = 500;
    /** The longest an event stream stays open; the page reconnects or is reloaded after that. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    /** Roles that may start a run (as {@code POST /api/v1/cycles} in AccessRules). */
    static final Set<String> STARTERS = Set.of("ROLE_ADMIN", "ROLE_MANAGER", "ROLE_STRATEGIST");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Cycles cycles;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;
    private final JsonMapper json = JsonMapper.builder().build();
    /** How long a RUNNING run may show no progress before its stream ends with a {@code stalled} event. */
    private final Duration stallAfter;

    CyclePages(Cycles cycles, MessageSource messages, Clock clock,
               @Value("${arrears.operations.zone:UTC}") String zone,
               @Value("${arrears.cycle.events.stall-after:PT5M}") Duration stallAfter) {
        this.cycles = cycles;
        this.stallAfter = stallAfter;
        this.messages = messages;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Shows the recent runs and, to those who may, the form that starts one. */
    @GetMapping("/cycles")
    String list(Model model, Authentication who) {
        model.addAttribute("runs", cycles.recent(RECENT));
        model.addAttribute("active", cycles.active().orElse(null));
        model.addAttribute("zone", zone);
        model.addAttribute("canStart", canStart(who));
        if (!model.containsAttribute("asOf")) {
            model.addAttribute("asOf", LocalDate.now(clock.withZone(zone)).toString());
        }
        return "cycles";
    }

    /** Starts a run for the form's date in the background and shows its page; refuses while another runs. */
    @PostMapping("/cycles")
    @PreAuthorize("hasAnyRole('ADMIN', 'STRATEGIST', 'MANAGER')")
    String start(@RequestParam(name = "asOf", required = false) String asOf, Authentication who, Model model,
                 RedirectAttributes redirect, HttpServletResponse response) {
        LocalDate date;
        try {
            date = asOf == null || asOf.isBlank() ? null : LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("asOf", asOf == null ? "" : asOf);
            model.addAttribute("dateError", true);
            return list(model, who);
        }
        try {
            CycleView run = cycles.startAlone(date, who.getName());
            return "redirect:/cycles/" + run.id();
        } catch (CycleBusyException busy) {
            redirect.addFlashAttribute("busy", busy.running());
            return "redirect:/cycles";
        }
    }

    /** Shows one run: its progress while it runs, its results when done. */
    @GetMapping("/cycles/{id}")
    String run(@PathVariable("id") String id, Model model, HttpServletResponse response) {
        Optional<CycleView> run = parse(id).flatMap(cycles::cycle);
        if (run.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("what", id);
            model.addAttribute("notFoundKey", "notFound.cycle");
            return "not-found";
        }
        model.addAttribute("run", run.get());
        model.addAttribute("zone", zone);
        model.addAttribute("elapsed", seconds(run.get()));
        return "cycle";
    }

    /** Streams a run's progress: {@code progress} events while it runs, then one {@code done} event. */
    @GetMapping(path = "/cycles/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable("id") String id, Locale locale) {
        Optional<Long> found = parse(id).filter(n -> cycles.cycle(n).isPresent());
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        long runId = found.get();
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Thread.ofVirtual().name("cycle-events-" + runId).start(() -> stream(emitter, runId, locale));
        return ResponseEntity.ok().header("Cache-Control", "no-store").header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    /**
     * Sends the run as it stands until it is no longer RUNNING, it has not moved for {@code stallAfter} (its
     * process may have died: a {@code stalled} event ends the stream), the client left or the stream timed out.
     */
    private void stream(SseEmitter emitter, long runId, Locale locale) {
        long sent = 0;
        StallWatch watch = new StallWatch(stallAfter);
        try {
            while (true) {
                Optional<CycleView> run = cycles.cycle(runId);
                boolean done = run.isEmpty() || !run.get().state().equals("RUNNING");
                boolean stalled = !done && watch.stalled(run.get().partitionsDone(), run.get().accountsEvaluated(),
                        clock.instant());
                if (run.isPresent()) {
                    Map<String, Object> figures = event(run.get(), locale);
                    if (stalled) {
                        figures.put("stalled", messages.getMessage("cycles.stalled",
                                new Object[]{stallAfter.toMinutes()}, locale));
                    }
                    emitter.send(SseEmitter.event().name(done ? "done" : stalled ? "stalled" : "progress")
                            .id(Long.toString(++sent)).data(json.writeValueAsString(figures)));
                }
                if (done || stalled) {
                    emitter.complete();
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the emitter timed out: nothing is left to tell
            log.debug("cycle run {} event stream ended: {}", runId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("cycle run {} event stream failed", runId, e);
            emitter.completeWithError(e);
        }
    }

    /** Returns what an event carries: the run's figures and its state in the page's language. */
    private Map<String, Object> event(CycleView run, Locale locale) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", run.id());
        e.put("state", run.state());
        e.put("stateLabel", messages.getMessage("cycles.state." + run.state(), null, run.state(), locale));
        e.put("partitions", run.partitions());
        e.put("partitionsDone", run.partitionsDone());
        e.put("accountsEvaluated", run.accountsEvaluated());
        e.put("actionsPlanned", run.actionsPlanned());
        e.put("casesOpened", run.casesOpened());
        e.put("casesClosed", run.casesClosed());
        e.put("elapsed", seconds(run));
        e.put("finishedAt", run.finishedAt() == null ? null
                : TIME.format(run.finishedAt().atZone(zone)) + " " + zone.getId());
        return e;
    }

    /** Formats the run's elapsed time in seconds with one decimal ("12.3"). */
    static String seconds(CycleView run) {
        return String.format(Locale.ROOT, "%.1f", run.elapsedSeconds());
    }

    private static boolean canStart(Authentication who) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> STARTERS.contains(a.getAuthority()));
    }


    /** Answers a role the page refuses with the friendly 403 page (the API's advice would answer problem+json). */
    @ExceptionHandler(AccessDeniedException.class)
    String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "error/403";
    }
    private static Optional<Long> parse(String id) {
        try {
            long n = Long.parseLong(id);
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
