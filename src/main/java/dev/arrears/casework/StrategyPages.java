package dev.arrears.casework;

import dev.arrears.cycle.CaseViews.DecisionView;
import dev.arrears.cycle.CaseViews.VariantResult;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.strategy.Strategies;
import dev.arrears.strategy.StrategyVersionView;
import dev.arrears.strategy.StrategyView;
import dev.arrears.strategy.ValidationReport;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategy pages: {@code /strategies} lists the strategies, {@code /strategies/{name}} shows a version's YAML
 * highlighted with its version history, {@code /strategies/editor} validates a document and marks its errors on
 * their lines, {@code /strategies/{name}/dry-run} decides for one account with the full trace, and
 * {@code /strategies/{name}/variants} compares the champion and challengers. Everyone but agencies reads and
 * dry-runs (a dry run writes nothing); only strategists and administrators store, activate and roll back, and the
 * others neither see those buttons nor get past them (403). A thin layer over the strategy, cycle and ledger
 * façades; an invalid document is shown with its errors and never stored.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'STRATEGIST', 'MANAGER', 'SUPERVISOR', 'COLLECTOR', 'AUDITOR')")
class StrategyPages {

    private static final Logger log = LoggerFactory.getLogger(StrategyPages.class);
    private static final String EDITORS = "hasAnyRole('ADMIN', 'STRATEGIST')";

    private final Strategies strategies;
    private final Cycles cycles;
    private final Ledger ledger;

    StrategyPages(Strategies strategies, Cycles cycles, Ledger ledger) {
        this.strategies = strategies;
        this.cycles = cycles;
        this.ledger = ledger;
    }

    @ModelAttribute("fmt")
    Formats formats() {
        return Formats.INSTANCE;
    }

    /** Whether the signed-in user may store, activate and roll back (the buttons are shown only then). */
    @ModelAttribute("canEdit")
    boolean canEdit(Authentication authentication) {
        return editor(authentication);
    }

    /** One row of the list: a strategy, how many versions it has, and its last change (stored or activated). */
    public record Row(StrategyView strategy, int versions, Instant changedAt, String changedBy) {
    }

    /** Lists the strategies. */
    @GetMapping("/strategies")
    String list(Model model) {
        List<Row> rows = strategies.list().stream().map(s -> {
            StrategyVersionView latest = strategies.get(s.name(), null);
            boolean activatedLater = s.activatedAt() != null && s.activatedAt().isAfter(latest.createdAt());
            return new Row(s, s.latestVersion(), activatedLater ? s.activatedAt() : latest.createdAt(),
                    activatedLater ? s.activatedBy() : latest.createdBy());
        }).toList();
        model.addAttribute("rows", rows);
        return "strategies";
    }

    /** Shows a version (the active one, else the latest) with its history. */
    @GetMapping("/strategies/{name}")
    String strategy(@PathVariable("name") String name,
                    @RequestParam(name = "version", required = false) String version,
                    @RequestParam(name = "done", required = false) String done,
                    @RequestParam(name = "failed", required = false) String failed, Model model) {
        StrategyView strategy = strategies.strategy(name);
        Integer number = parseVersion(version).orElse(strategy.activeVersion());
        StrategyVersionView shown = strategies.get(name, number);
        model.addAttribute("strategy", strategy);
        model.addAttribute("shown", shown);
        model.addAttribute("lines", YamlHighlighting.lines(shown.document()));
        model.addAttribute("versions", strategies.versions(name));
        model.addAttribute("done", done);
        model.addAttribute("failed", failed);
        return "strategy";
    }

    /** Makes a version the active one. */
    @PostMapping("/strategies/{name}/versions/{version}/activate")
    @PreAuthorize(EDITORS)
    String activate(@PathVariable("name") String name, @PathVariable("version") int version,
                    Authentication authentication) {
        try {
            strategies.activate(name, version, authentication.getName());
        } catch (InvalidDocumentException e) {
            return redirect(name, null, "failed", "invalid");
        }
        return redirect(name, null, "done", "activated");
    }

    /** Re-activates the version active before the current one. */
    @PostMapping("/strategies/{name}/rollback")
    @PreAuthorize(EDITORS)
    String rollback(@PathVariable("name") String name, Authentication authentication) {
        try {
            strategies.rollback(name, authentication.getName());
        } catch (ConflictException e) {
            return redirect(name, null, "failed", "noEarlier");
        } catch (InvalidDocumentException e) {
            return redirect(name, null, "failed", "invalid");
        }
        return redirect(name, null, "done", "rolledBack");
    }

    /** Shows the editor with a version's document (the active one of a strategy, or a named version), or empty. */
    @GetMapping("/strategies/editor")
    String editor(@RequestParam(name = "strategy", required = false) String name,
                  @RequestParam(name = "version", required = false) String version, Model model) {
        String yaml = "";
        if (name != null && !name.isBlank()) {
            StrategyView strategy = strategies.strategy(name);
            yaml = strategies.get(name, parseVersion(version).orElse(strategy.activeVersion())).document();
            model.addAttribute("from", name);
        }
        model.addAttribute("yaml", yaml);
        return "strategy-editor";
    }

    /** Validates the submitted document and shows its errors on their lines; stores nothing. */
    @PostMapping("/strategies/editor/validate")
    String validate(@RequestParam(name = "yaml", required = false) String yaml,
                    @RequestParam(name = "from", required = false) String from,
                    @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        String text = normalise(yaml);
        ValidationReport report = strategies.validate(text);
        showReport(model, text, from, report);
        return htmx != null ? "strategy-editor :: result" : "strategy-editor";
    }

    /** Stores a valid document as the next version of the strategy it names; an invalid one is shown, not stored. */
    @PostMapping("/strategies/editor/save")
    @PreAuthorize(EDITORS)
    String save(@RequestParam(name = "yaml", required = false) String yaml,
                @RequestParam(name = "from", required = false) String from,
                Authentication authentication, Model model, HttpServletResponse response) {
        String text = normalise(yaml);
        ValidationReport report = strategies.validate(text);
        if (report.valid()) {
            try {
                StrategyVersionView created = strategies.createVersion(text, authentication.getName());
                return redirect(created.name(), created.version(), "done", "saved");
            } catch (InvalidDocumentException e) {
                report = new ValidationReport(false, report.name(), List.of(), List.of(), e.errors());
            }
        }
        response.setStatus(422);
        model.addAttribute("notSaved", true);
        showReport(model, text, from, report);
        return "strategy-editor";
    }

    /** Decides for one account (by id or external reference) on a date, writing nothing, and shows the trace. */
    @GetMapping("/strategies/{name}/dry-run")
    String dryRun(@PathVariable("name") String name,
                  @RequestParam(name = "account", required = false) String account,
                  @RequestParam(name = "asOf", required = false) String asOf,
                  @RequestParam(name = "version", required = false) String version, Model model) {
        StrategyView strategy = strategies.strategy(name);
        model.addAttribute("strategy", strategy);
        model.addAttribute("versions", strategies.versions(name));
        model.addAttribute("account", account == null ? "" : account.strip());
        model.addAttribute("asOf", asOf == null ? "" : asOf.strip());
        Optional<Integer> chosenVersion = parseVersion(version);
        model.addAttribute("version", chosenVersion.orElse(null));
        if (account == null || account.isBlank()) {
            return "strategy-dry-run";
        }
        Optional<AccountSummary> found = findAccount(account.strip());
        if (found.isEmpty()) {
            model.addAttribute("problem", "strategies.dryRun.noAccount");
            return "strategy-dry-run";
        }
        AccountSummary summary = found.get();
        LocalDate date;
        if (asOf == null || asOf.isBlank()) {
            date = LocalDate.now(ledger.clock().withZone(zoneOf(summary.id())));
        } else {
            try {
                date = LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                model.addAttribute("problem", "strategies.dryRun.badDate");
                return "strategy-dry-run";
            }
        }
        if (chosenVersion.isEmpty() && strategy.activeVersion() == null) {
            chosenVersion = Optional.of(strategy.latestVersion());
        }
        try {
            DecisionView decision = cycles.evaluate(name, chosenVersion.orElse(null), summary.id(), date);
            model.addAttribute("summary", summary);
            model.addAttribute("decision", decision);
            model.addAttribute("evaluatedOn", date);
        } catch (NotFoundException e) {
            model.addAttribute("problem", "strategies.dryRun.noAccount");
        }
        return "strategy-dry-run";
    }

    /** Compares the variants of a strategy: accounts, cases, cures and amounts collected per variant. */
    @GetMapping("/strategies/{name}/variants")
    String variants(@PathVariable("name") String name, Model model) {
        StrategyView strategy = strategies.strategy(name);
        List<VariantResult> results = cycles.variantResults(strategy.name());
        model.addAttribute("strategy", strategy);
        model.addAttribute("results", results);
        return "strategy-variants";
    }

    /** Answers a refused action with the friendly 403 page (not the API's problem+json). */
    @ExceptionHandler(AccessDeniedException.class)
    String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "error/403";
    }

    /** Answers an unknown strategy or version with the not-found page. */
    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "strategy-missing";
    }

    /** Renders an HTML error page for any other failure on these pages. */
    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, Model model, HttpServletResponse response) {
        log.error("A strategy page failed", e);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("status", HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("error", "Internal Server Error");
        return "error";
    }

    private void showReport(Model model, String text, String from, ValidationReport report) {
        ValidationMarks marks = ValidationMarks.of(text, report.errors());
        model.addAttribute("yaml", text);
        model.addAttribute("from", from == null || from.isBlank() ? null : from);
        model.addAttribute("report", report);
        model.addAttribute("marks", marks);
        model.addAttribute("checked", YamlHighlighting.lines(text));
    }

    private Optional<AccountSummary> findAccount(String text) {
        Optional<AccountSummary> byRef = ledger.accountByRef(text);
        if (byRef.isPresent()) {
            return byRef;
        }
        if (text.matches("\\d{1,18}")) {
            return ledger.account(Long.parseLong(text), null).map(a -> a.summary());
        }
        return Optional.empty();
    }

    private ZoneId zoneOf(long accountId) {
        Map<Long, CurrentState> states = ledger.currentStates(List.of(accountId));
        CurrentState state = states.get(accountId);
        return state == null || state.timeZone() == null ? ZoneOffset.UTC : state.timeZone();
    }

    private static boolean editor(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN") || a.getAuthority().equals("ROLE_STRATEGIST"));
    }

    /** Returns the text with a browser's CRLF line breaks as LF, so that stored documents read the same. */
    private static String normalise(String yaml) {
        return yaml == null ? "" : yaml.replace("\r\n", "\n");
    }

    private static Optional<Integer> parseVersion(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty()
                    : Optional.of(Integer.parseInt(text.strip())).filter(v -> v > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String redirect(String name, Integer version, String key, String value) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/strategies/{name}");
        if (version != null) {
            uri.queryParam("version", version);
        }
        uri.queryParam(key, value);
        return "redirect:" + uri.buildAndExpand(name).encode().toUriString();
    }
}
