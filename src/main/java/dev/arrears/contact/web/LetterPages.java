package dev.arrears.contact.web;

import dev.arrears.contact.LetterViews.BatchView;
import dev.arrears.contact.LetterViews.LetterState;
import dev.arrears.contact.LetterViews.LetterView;
import dev.arrears.contact.Letters;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The print queue page {@code /letters}: letters waiting for a batch, the batches with their state, and for
 * MANAGER, SUPERVISOR and ADMIN (as {@code POST /api/v1/letters/**} in AccessRules) the forms that take waiting
 * letters into a batch and mark a batch printed, then posted. A batch's merged PDF and CSV manifest, and each
 * letter's PDF (an announced read of personal data), download from here. Every role but AGENCY reads; each action
 * comes back to the page with a notice (post-redirect-get), a refused one (wrong state, nothing waiting) with the
 * reason.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'STRATEGIST', 'MANAGER', 'SUPERVISOR', 'COLLECTOR', 'AUDITOR')")
class LetterPages {

    static final int PAGE_SIZE = 25;
    /** Roles that act on the print queue. */
    static final Set<String> PRINTERS = Set.of("ROLE_ADMIN", "ROLE_MANAGER", "ROLE_SUPERVISOR");

    private final Letters letters;
    private final ZoneId zone;

    LetterPages(Letters letters, @Value("${arrears.operations.zone:UTC}") String zone) {
        this.letters = letters;
        this.zone = ZoneId.of(zone);
    }

    /** Shows the waiting letters and the batches. */
    @GetMapping("/letters")
    String queue(@RequestParam(name = "page", required = false) String page, Model model, Authentication who) {
        int p = number(page).map(n -> (int) Math.min(1_000_000, n)).orElse(0);
        Page<LetterView> waiting = letters.letters(LetterState.RENDERED, 0, PAGE_SIZE);
        Page<BatchView> batches = letters.batches(p, PAGE_SIZE);
        model.addAttribute("waiting", waiting);
        model.addAttribute("batches", batches);
        model.addAttribute("batchPage", p);
        model.addAttribute("moreBatches", (long) (p + 1) * PAGE_SIZE < batches.total());
        model.addAttribute("maxBatch", Letters.MAX_BATCH);
        model.addAttribute("canAct", who != null && who.getAuthorities().stream()
                .anyMatch(a -> PRINTERS.contains(a.getAuthority())));
        model.addAttribute("zone", zone);
        return "letters";
    }

    /** Takes up to {@code maxLetters} waiting letters, oldest first, into a new batch. */
    @PostMapping("/letters/batches")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'SUPERVISOR')")
    String createBatch(@RequestParam(name = "maxLetters", required = false) String maxLetters, Authentication who,
                       RedirectAttributes redirect) {
        int max = number(maxLetters).filter(n -> n >= 1 && n <= Letters.MAX_BATCH).map(Long::intValue)
                .orElse(Letters.MAX_BATCH);
        return act(() -> letters.createBatch(max, who.getName()), "created", "letters.problem.none", redirect);
    }

    /** Marks an OPEN batch printed. */
    @PostMapping("/letters/batches/{id}/printed")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'SUPERVISOR')")
    String printed(@PathVariable("id") String id, Authentication who, RedirectAttributes redirect) {
        return act(() -> letters.printed(batchId(id), who.getName()), "printed", "letters.problem.state", redirect);
    }

    /** Marks a PRINTED batch and its letters posted. */
    @PostMapping("/letters/batches/{id}/posted")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'SUPERVISOR')")
    String posted(@PathVariable("id") String id, Authentication who, RedirectAttributes redirect) {
        return act(() -> letters.posted(batchId(id), who.getName()), "posted", "letters.problem.state", redirect);
    }

    /** Downloads a batch's letters merged into one PDF, in print order. */
    @GetMapping("/letters/batches/{id}/pdf")
    ResponseEntity<byte[]> batchPdf(@PathVariable("id") String id) {
        return download(() -> LetterController.file(letters.batchPdf(batchId(id)), MediaType.APPLICATION_PDF));
    }

    /** Downloads a batch's manifest as CSV. */
    @GetMapping("/letters/batches/{id}/manifest.csv")
    ResponseEntity<byte[]> manifest(@PathVariable("id") String id) {
        return download(() -> LetterController.file(letters.manifest(batchId(id)),
                new MediaType("text", "csv", StandardCharsets.UTF_8)));
    }

    /** Downloads one letter's PDF, announcing the read. */
    @GetMapping("/letters/{id}/pdf")
    ResponseEntity<byte[]> letterPdf(@PathVariable("id") String id, Authentication who) {
        return download(() -> LetterController.file(letters.pdf(batchId(id), who.getName()),
                MediaType.APPLICATION_PDF));
    }

    /** Runs an action and comes back to the list with its notice, or with the problem's message key. */
    private static String act(Supplier<BatchView> action, String notice, String problem,
                              RedirectAttributes redirect) {
        try {
            BatchView batch = action.get();
            redirect.addFlashAttribute("notice", notice);
            redirect.addFlashAttribute("noticeBatch", batch.id());
            redirect.addFlashAttribute("noticeLetters", batch.letters());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", problem);
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("problem", "letters.problem.missing");
        }
        return "redirect:/letters";
    }

    private static ResponseEntity<byte[]> download(Supplier<ResponseEntity<byte[]>> file) {
        try {
            return file.get();
        } catch (NotFoundException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                    .body(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long batchId(String id) {
        return number(id).orElseThrow(() -> new NotFoundException("No letter batch " + id));
    }


    /** Answers a role the page refuses with the friendly 403 page (the API's advice would answer problem+json). */
    @ExceptionHandler(AccessDeniedException.class)
    String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "error/403";
    }
    private static Optional<Long> number(String text) {
        try {
            long n = text == null ? -1 : Long.parseLong(text.strip());
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
