package dev.arrears.contact.portal;

import dev.arrears.contact.Portal;
import dev.arrears.contact.PortalToken;
import dev.arrears.contact.PortalToken.Claims;
import dev.arrears.contact.Templates;
import dev.arrears.contact.template.Formats;
import dev.arrears.contact.template.Locales;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.shared.Money;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves {@code GET /portal/{token}}: with a valid token, the account's unpaid bills line by line, the amount due
 * and a form that pays it (the pay step itself is the arrangement module's), in the customer's language (zh-CN, zh-TW, en); with an expired token a page that says so (410), with a
 * malformed or altered one a page that says the link is not valid (404), in the browser's language. The token is
 * the only credential, so the page is never cached and never sends the link on as a referrer.
 */
@Controller
class PortalPage {

    private final Portal portal;
    private final Ledger ledger;
    private final Templates templates;
    /** Present in the web server only: the command line starts the same beans without views. */
    private final ObjectProvider<ThymeleafViewResolver> views;

    PortalPage(Portal portal, Ledger ledger, Templates templates, ObjectProvider<ThymeleafViewResolver> views) {
        this.portal = portal;
        this.ledger = ledger;
        this.templates = templates;
        this.views = views;
    }

    /** The account as the page shows it; amounts and dates are already formatted for the customer's locale. */
    record AccountPage(String customerName, String accountNumber, String asOf, String balance, String overdue,
                       boolean isOverdue, int overdueDays, String suggested, List<BillRow> bills,
                       String creditorName, String creditorPhone, PayForm pay) {
    }

    /**
     * The pay step's form (null when nothing is owed): where it posts (the arrangement module's
     * {@code POST /portal/{token}/pay}), the amount it proposes (the suggested amount, else the overdue amount,
     * else the balance) as a plain decimal, the currency code, and a fresh attempt id so that a form sent twice pays
     * once.
     */
    record PayForm(String token, String amount, String currency, String attempt) {
    }

    /** One unpaid bill. */
    record BillRow(String number, String issueDate, String dueDate, String total, String outstanding,
                   boolean overdue, List<LineRow> lines) {
    }

    /** One line of a bill. */
    record LineRow(String description, String category, String amount) {
    }

    @GetMapping("/portal/{token}")
    ModelAndView bill(@PathVariable("token") String token, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        PortalToken.Verification verification = portal.verify(token);
        if (verification instanceof PortalToken.Valid(Claims claims)) {
            Optional<AccountView> account = ledger.account(claims.accountId(), null);
            if (account.isPresent()) {
                String locale = Locales.closest(account.get().customer().locale());
                return page("portal/bill", locale, HttpStatus.OK, page(account.get(), claims, locale, token));
            }
        }
        if (verification instanceof PortalToken.Expired(Claims claims)) {
            String locale = ledger.account(claims.accountId(), null)
                    .map(a -> Locales.closest(a.customer().locale())).orElseGet(() -> browser(request));
            return page("portal/expired", locale, HttpStatus.GONE, null);
        }
        return page("portal/invalid", browser(request), HttpStatus.NOT_FOUND, null);
    }

    /** Returns a page rendered in a locale of our choosing (the customer's), not the one the request asks for. */
    private ModelAndView page(String name, String locale, HttpStatus status, AccountPage page) throws Exception {
        Locale l = switch (locale) {
            case "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            case "zh-TW" -> Locale.TRADITIONAL_CHINESE;
            default -> Locale.ENGLISH;
        };
        // a view resolved for the locale renders its messages in it, whatever the request's locale resolver says
        View view = views.getObject().resolveViewName(name, l);
        ModelAndView mv = new ModelAndView(view);
        mv.setStatus(status);
        if (page != null) {
            mv.addObject("page", page);
        }
        return mv;
    }

    private AccountPage page(AccountView account, Claims claims, String locale, String token) {
        Formats f = Formats.of(locale);
        var s = account.summary();
        String currency = s.currency();
        List<BillRow> bills = account.bills().stream()
                .filter(b -> b.outstandingMinor() > 0)
                .sorted(Comparator.comparing(BillView::dueDate).thenComparing(BillView::id))
                .map(b -> new BillRow(b.externalRef(), f.date(b.issueDate()), f.date(b.dueDate()),
                        f.money(b.totalMinor(), currency), f.money(b.outstandingMinor(), currency),
                        b.dueDate().isBefore(s.asOf()),
                        b.lines().stream().map(l -> new LineRow(l.description(), f.category(l.category().name()),
                                f.money(l.amountMinor(), currency))).toList()))
                .toList();
        String suggested = claims.suggestedMinor() != null && currency.equals(claims.currency())
                ? f.money(claims.suggestedMinor(), currency) : null;
        PayForm pay = null;
        if (s.balanceMinor() > 0) {
            long proposed = suggested != null ? Math.min(claims.suggestedMinor(), s.balanceMinor())
                    : s.overdueMinor() > 0 ? s.overdueMinor() : s.balanceMinor();
            pay = new PayForm(token, Money.format(proposed, java.util.Currency.getInstance(currency)), currency,
                    java.util.UUID.randomUUID().toString());
        }
        return new AccountPage(account.customer().name(), s.externalRef(), f.date(s.asOf()),
                f.money(s.balanceMinor(), currency), f.money(s.overdueMinor(), currency), s.overdueMinor() > 0,
                s.daysPastDue(), suggested, bills, templates.creditorName(locale), templates.creditorPhone(), pay);
    }

    private static String browser(HttpServletRequest request) {
        return Locales.closest(request.getLocale() == null ? null : request.getLocale().toLanguageTag());
    }
}
