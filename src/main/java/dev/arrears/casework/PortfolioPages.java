package dev.arrears.casework;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.Views.AccountSummary;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.Page;
import dev.arrears.ledger.domain.AgingBucket;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Optional;

/**
 * The portfolio pages: {@code /} shows the aging of the whole portfolio and a searchable, filterable account
 * list; {@code /accounts/{id}} shows one account in full ({@link AccountPage}: collection cases, planned actions,
 * compliance flags and verdicts, arrangements, one merged timeline, and the action forms of {@link AccountActions}
 * for the roles that work accounts), and announces that read of the customer's personal data for the audit trail.
 * Unknown filter values are ignored rather than refused, since they come from people editing URLs.
 */
@Controller
class PortfolioPages {

    static final int PAGE_SIZE = 25;

    private static final Logger log = LoggerFactory.getLogger(PortfolioPages.class);

    private final Ledger ledger;
    private final AccountPage accountPage;

    PortfolioPages(Ledger ledger, AccountPage accountPage) {
        this.ledger = ledger;
        this.accountPage = accountPage;
    }

    @ModelAttribute("fmt")
    Formats formats() {
        return Formats.INSTANCE;
    }

    @ModelAttribute("user")
    String user(Authentication principal) {
        return principal == null ? "" : principal.getName();
    }

    /** Shows the portfolio aging and the account list filtered by the query parameters. */
    @GetMapping("/")
    String portfolio(@RequestParam(name = "q", required = false) String q,
                     @RequestParam(name = "bucket", required = false) String bucket,
                     @RequestParam(name = "product", required = false) String product,
                     @RequestParam(name = "page", required = false) String page,
                     Model model) {
        Search search = Search.of(q, bucket, product, page);
        var today = ledger.aging(null);
        // counted from today's aging when only the bucket and the product narrow the list: one scan, not two
        Page<AccountSummary> accounts = ledger.accounts(new AccountFilter(search.bucket(), search.product(), null,
                search.query(), search.page(), PAGE_SIZE), today);
        var report = today;
        if (report.asOf() == null) {
            // Today differs by a day between zones; the heading names today's UTC date, each row used its own.
            report = new dev.arrears.ledger.Views.AgingReport(
                    java.time.LocalDate.now(ledger.clock().withZone(java.time.ZoneOffset.UTC)), report.rows());
        }
        model.addAttribute("aging", AgingTable.of(report));
        model.addAttribute("search", search);
        model.addAttribute("accounts", accounts);
        model.addAttribute("paging", Paging.of(search, accounts));
        model.addAttribute("buckets", AgingBucket.values());
        model.addAttribute("products", ProductLine.values());
        return "portfolio";
    }

    /** Shows one account as of today in its zone, or a not-found page. */
    @GetMapping("/accounts/{id}")
    String account(@PathVariable("id") String id, Model model, HttpServletResponse response,
                   Authentication who) {
        Optional<AccountView> account = accountPage.account(id);
        if (account.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("what", id);
            return "not-found";
        }
        accountPage.fill(model, account.get(), who, null, null, null);
        return "account";
    }

    /** Renders an HTML error page for a failure on a page; the API's failures stay problem+json. */
    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, Model model, HttpServletResponse response) {
        log.error("A page failed", e);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("status", HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("error", "Internal Server Error");
        return "error";
    }

    /** The account list's search as understood: blank and unknown values become "no filter". */
    public record Search(String query, AgingBucket bucket, ProductLine product, int page) {

        static Search of(String q, String bucket, String product, String page) {
            String query = q == null || q.isBlank() ? null : q.strip();
            return new Search(query, parseBucket(bucket), parseProduct(product), parsePage(page));
        }

        /** Returns true when any filter narrows the list. */
        public boolean filtered() {
            return query != null || bucket != null || product != null;
        }

        /** Returns the URL of this search on another page. */
        String url(int page) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/");
            if (query != null) {
                uri.queryParam("q", query);
            }
            if (bucket != null) {
                uri.queryParam("bucket", bucket.label());
            }
            if (product != null) {
                uri.queryParam("product", product.name());
            }
            if (page > 0) {
                uri.queryParam("page", page);
            }
            return uri.fragment("accounts").encode().build().toUriString();
        }

        private static AgingBucket parseBucket(String text) {
            try {
                return text == null || text.isBlank() ? null : AgingBucket.parse(text.strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static ProductLine parseProduct(String text) {
            try {
                return text == null || text.isBlank() ? null : ProductLine.valueOf(text.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static int parsePage(String text) {
            try {
                return text == null ? 0 : Math.max(0, Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** Where the shown page sits in the list: 1-based positions and links to its neighbours (null at an end). */
    public record Paging(long from, long to, long total, int page, int pages, String previous, String next) {

        static Paging of(Search search, Page<AccountSummary> accounts) {
            int size = accounts.size() > 0 ? accounts.size() : PAGE_SIZE;
            int pages = (int) Math.max(1, (accounts.total() + size - 1) / size);
            long from = accounts.items().isEmpty() ? 0 : (long) accounts.page() * size + 1;
            long to = from == 0 ? 0 : from + accounts.items().size() - 1;
            String previous = accounts.page() > 0 ? search.url(accounts.page() - 1) : null;
            String next = (long) (accounts.page() + 1) * size < accounts.total() ? search.url(accounts.page() + 1) : null;
            return new Paging(from, to, accounts.total(), accounts.page(), pages, previous, next);
        }
    }
}
