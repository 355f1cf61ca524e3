package dev.arrears.contact.web;

import dev.arrears.contact.ContactViews.JobView;
import dev.arrears.contact.ContactViews.OutboxEntry;
import dev.arrears.contact.ContactViews.OutboxFilter;
import dev.arrears.contact.ContactViews.OutboxMessage;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.Outbox;
import dev.arrears.contact.sms.SmsEncoding;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.Channel;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox outbox pages: {@code /outbox} lists what the channels in sandbox mode accepted, newest first, with the
 * recipient masked, the account, the dispatch status (latest delivery receipt, else the job's state) and the time,
 * filtered by channel, status and account and paged; {@code /outbox/{id}} shows one message as it would have gone
 * out (the SMS text with its alphabet and segments, the e-mail's subject, text and HTML, the push JSON, the letter's
 * PDF) with the dispatch job's attempts, last result, provider ids and receipts, and announces that read of the
 * customer's personal data. An e-mail's HTML is never put into the page: a sandboxed iframe loads it from
 * {@code /outbox/{id}/html}, served with a content security policy of its own that runs no script, loads nothing
 * and may be framed by this site only. Every role but AGENCY reads (the API's reads are open to them); unknown
 * filter values are ignored.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'STRATEGIST', 'MANAGER', 'SUPERVISOR', 'COLLECTOR', 'AUDITOR')")
class OutboxPages {

    static final int PAGE_SIZE = 25;

    /** The statuses the filter offers: a job's states and the delivery receipts' statuses. */
    static final List<String> STATUSES = List.of("PENDING", "SENT", "ENROUTE", "ACCEPTED", "DELIVERED", "EXPIRED",
            "UNDELIVERABLE", "REJECTED", "DELETED", "UNKNOWN", "FAILED", "UNCERTAIN", "BLOCKED", "CANCELLED");

    /** The channels the sandbox carries. */
    static final List<Channel> CHANNELS = List.of(Channel.SMS, Channel.EMAIL, Channel.PUSH, Channel.LETTER);

    /**
     * The e-mail body's own policy: no script, no fetch, no form, nothing loaded but inline styles and data: images,
     * a sandbox even when opened alone, framed only by this site's pages.
     */
    static final String EMAIL_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "font-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

    private final Outbox outbox;
    private final Dispatch dispatch;
    private final ZoneId zone;

    OutboxPages(Outbox outbox, Dispatch dispatch, @Value("${arrears.operations.zone:UTC}") String zone) {
        this.outbox = outbox;
        this.dispatch = dispatch;
        this.zone = ZoneId.of(zone);
    }

    /** A filter as understood: blank and unknown values become "any". */
    record Search(Channel channel, String status, Long account, int page) {

        static Search of(String channel, String status, String account, String page) {
            Channel c = CHANNELS.stream().filter(x -> x.name().equalsIgnoreCase(strip(channel))).findFirst()
                    .orElse(null);
            String s = STATUSES.stream().filter(x -> x.equalsIgnoreCase(strip(status))).findFirst().orElse(null);
            return new Search(c, s, number(account).orElse(null),
                    number(page).map(n -> (int) Math.min(1_000_000, n)).orElse(0));
        }

        /** Returns true when any filter narrows the list. */
        public boolean filtered() {
            return channel != null || status != null || account != null;
        }

        /** Returns the URL of this search on another page. */
        String url(int page) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/outbox");
            if (channel != null) {
                uri.queryParam("channel", channel.name());
            }
            if (status != null) {
                uri.queryParam("status", status);
            }
            if (account != null) {
                uri.queryParam("account", account);
            }
            if (page > 0) {
                uri.queryParam("page", page);
            }
            return uri.encode().build().toUriString();
        }
    }

    /** Where the shown page sits in the list: 1-based positions and links to its neighbours (null at an end). */
    record Paging(long from, long to, long total, int page, int pages, String previous, String next) {

        static Paging of(Search search, Page<?> list) {
            int size = list.size() > 0 ? list.size() : PAGE_SIZE;
            int pages = (int) Math.max(1, (list.total() + size - 1) / size);
            long from = list.items().isEmpty() ? 0 : (long) list.page() * size + 1;
            long to = from == 0 ? 0 : from + list.items().size() - 1;
            String previous = list.page() > 0 ? search.url(list.page() - 1) : null;
            String next = (long) (list.page() + 1) * size < list.total() ? search.url(list.page() + 1) : null;
            return new Paging(from, to, list.total(), list.page(), pages, previous, next);
        }
    }

    /** Shows the sandbox outbox filtered by the query parameters. */
    @GetMapping("/outbox")
    String list(@RequestParam(name = "channel", required = false) String channel,
                @RequestParam(name = "status", required = false) String status,
                @RequestParam(name = "account", required = false) String account,
                @RequestParam(name = "page", required = false) String page, Model model) {
        Search search = Search.of(channel, status, account, page);
        Page<OutboxEntry> entries = outbox.entries(new OutboxFilter(search.channel(), search.account(), search.page(),
                PAGE_SIZE), search.status());
        model.addAttribute("search", search);
        model.addAttribute("entries", entries);
        model.addAttribute("paging", Paging.of(search, entries));
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("zone", zone);
        model.addAttribute("mask", Recipients.INSTANCE);
        return "outbox";
    }

    /** Shows one sandbox message with its dispatch job, announcing the read. */
    @GetMapping("/outbox/{id}")
    String message(@PathVariable("id") String id, Model model, Principal who, HttpServletResponse response) {
        Optional<OutboxMessage> found = number(id).flatMap(n -> outbox.message(n, name(who), "page /outbox/" + n));
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("what", id);
            model.addAttribute("notFoundKey", "notFound.message");
            return "not-found";
        }
        OutboxMessage m = found.get();
        Optional<JobView> job = plannedAction(m.contactKey()).flatMap(dispatch::jobOf);
        model.addAttribute("m", m);
        model.addAttribute("job", job.orElse(null));
        model.addAttribute("receipts", job.map(j -> dispatch.receipts(j.id())).orElse(List.of()));
        model.addAttribute("zone", zone);
        if (m.channel() == Channel.SMS && m.text() != null) {
            model.addAttribute("sms", SmsEncoding.segment(m.text()));
        }
        return "outbox-message";
    }

    /** Serves an e-mail's HTML for the sandboxed iframe, under a policy that runs and loads nothing. */
    @GetMapping("/outbox/{id}/html")
    ResponseEntity<String> html(@PathVariable("id") String id, Principal who) {
        Optional<OutboxMessage> found = number(id).flatMap(n -> outbox.message(n, name(who),
                "page /outbox/" + n + "/html"));
        if (found.isEmpty() || found.get().html() == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                    .body("No e-mail with HTML at " + id);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", EMAIL_CSP)
                .header("X-Frame-Options", "SAMEORIGIN")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .body(found.get().html());
    }

    /** Serves the PDF a sandbox message carries (a letter, an e-mail's bill), announcing the read. */
    @GetMapping("/outbox/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable("id") String id, Principal who) {
        return number(id).flatMap(n -> outbox.pdf(n, name(who), "page /outbox/" + n + "/pdf"))
                .map(f -> LetterController.file(f, MediaType.APPLICATION_PDF))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    /** Returns the planned action behind a contact key ({@code planned-action:<id>}), if it is one. */
    static Optional<Long> plannedAction(String contactKey) {
        String prefix = "planned-action:";
        return contactKey != null && contactKey.startsWith(prefix) ? number(contactKey.substring(prefix.length()))
                : Optional.empty();
    }

    private static String name(Principal who) {
        return who == null ? null : who.getName();
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
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

    /** Masks recipients in the list (the message page, an announced read, shows them whole). */
    static final class Recipients {

        static final Recipients INSTANCE = new Recipients();

        /** Returns a recipient with most of it hidden: a phone's middle digits, an e-mail's local part. */
        public String mask(String recipient) {
            if (recipient == null || recipient.isBlank()) {
                return "—";
            }
            String r = recipient.strip();
            int at = r.indexOf('@');
            if (at > 0) {
                return r.charAt(0) + "***" + r.substring(at);
            }
            long digits = r.chars().filter(Character::isDigit).count();
            if (digits >= 7 && digits >= r.length() - 3) {
                // a phone number: keep the first five and the last four characters
                return r.length() <= 9 ? "***" + r.substring(r.length() - 4)
                        : r.substring(0, 5) + "****" + r.substring(r.length() - 4);
            }
            // a name and address, a device token: the first character only
            return r.codePointCount(0, r.length()) <= 1 ? "***" : new String(Character.toChars(r.codePointAt(0)))
                    + "***";
        }
    }
}
