package dev.arrears.arrangement.web;

import dev.arrears.arrangement.Payments;
import dev.arrears.arrangement.Payments.Started;
import dev.arrears.contact.Portal;
import dev.arrears.contact.PortalToken;
import dev.arrears.contact.PortalToken.Claims;
import dev.arrears.contact.Templates;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.shared.Money;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import java.net.URI;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The portal's minimal pay step: {@code POST /portal/{token}/pay} (form fields {@code amount}, {@code attempt})
 * starts a payment of at most the balance at the portal's gateway and sends the customer on (303) to the gateway's
 * page or, when it paid at once (the sandbox), to the receipt {@code GET /portal/{token}/receipt/{reference}}.
 * Public like the bill page: the signed token in the path is the credential (404 when it does not verify, 410 when
 * it expired) and, being a secret no other site knows, also stands in for a CSRF token; cross-site requests are
 * refused by their {@code Sec-Fetch-Site} and {@code Origin} headers all the same. Pages are in the customer's
 * language, never cached and never sent on as referrers.
 */
@Controller
class PortalPayController {

    private static final Pattern ATTEMPT = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** The receipt as the page shows it, formatted for the customer. */
    record Receipt(String token, boolean pending, String amount, String paidAt, String reference,
                   String accountNumber, String balance, String reversedOn, String creditorName) {
    }

    /** Why the pay step refused: {@code maximum} set for a bad amount, null for a stale or forged form. */
    record PayError(String token, String maximum) {
    }

    private final Payments payments;
    private final Portal portal;
    private final Ledger ledger;
    private final Templates templates;
    private final ObjectProvider<ThymeleafViewResolver> views;

    PortalPayController(Payments payments, Portal portal, Ledger ledger, Templates templates,
                        ObjectProvider<ThymeleafViewResolver> views) {
        this.payments = payments;
        this.portal = portal;
        this.ledger = ledger;
        this.templates = templates;
        this.views = views;
    }

    @PostMapping("/portal/{token}/pay")
    ModelAndView pay(@PathVariable("token") String token,
                     @RequestParam(name = "amount", required = false) String amount,
                     @RequestParam(name = "attempt", required = false) String attempt,
                     HttpServletRequest request, HttpServletResponse response) throws Exception {
        privateHeaders(response);
        Optional<AccountView> account = account(token);
        if (account.isEmpty()) {
            return refused(token, request);
        }
        String locale = locale(account.get());
        if (crossSite(request) || attempt == null || !ATTEMPT.matcher(attempt).matches()) {
            return page("portal/payerror", locale, HttpStatus.FORBIDDEN, "payError", new PayError(token, null));
        }
        var s = account.get().summary();
        Currency currency = Currency.getInstance(s.currency());
        Money money = null;
        try {
            money = Money.parse(amount == null ? "" : amount.strip(), currency);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (money == null || !money.isPositive() || money.minor() > s.balanceMinor()) {
            return page("portal/payerror", locale, HttpStatus.BAD_REQUEST, "payError",
                    new PayError(token, money(s.balanceMinor(), currency, locale)));
        }
        URI back = URI.create(portal.baseUrl() + "/portal/" + token + "/receipt/portal-" + attempt);
        Started started;
        try {
            started = payments.start(s.id(), money, attempt, back);
        } catch (Payments.GatewayUnavailableException e) {
            return page("portal/payerror", locale, HttpStatus.SERVICE_UNAVAILABLE, "payError",
                    new PayError(token, null));
        }
        String next = started.redirect() != null ? started.redirect().toString()
                : "/portal/" + token + "/receipt/" + started.reference();
        RedirectView redirect = new RedirectView(next, started.redirect() == null);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }

    @GetMapping("/portal/{token}/receipt/{reference}")
    ModelAndView receipt(@PathVariable("token") String token, @PathVariable("reference") String reference,
                         HttpServletRequest request, HttpServletResponse response) throws Exception {
        privateHeaders(response);
        Optional<AccountView> account = account(token);
        if (account.isEmpty()) {
            return refused(token, request);
        }
        String locale = locale(account.get());
        var s = account.get().summary();
        Currency currency = Currency.getInstance(s.currency());
        Optional<PaymentView> payment = REFERENCE.matcher(reference).matches()
                ? payments.payment(reference) : Optional.empty();
        // another account's payment is not this link's to show; an unknown reference is pending only if ours
        if (payment.isPresent() && payment.get().accountId() != s.id()
                || payment.isEmpty() && !reference.startsWith("portal-")) {
            return page("portal/invalid", locale, HttpStatus.NOT_FOUND, null, null);
        }
        Locale l = javaLocale(locale);
        ZoneId zone = zone(account.get());
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(l).withZone(zone);
        Receipt receipt = payment.map(p -> new Receipt(token, false, money(p.amountMinor(), currency, locale),
                        when.format(p.receivedAt()), p.externalRef(), s.externalRef(),
                        money(s.balanceMinor(), currency, locale),
                        p.reversedAt() == null ? null : when.format(p.reversedAt()), templates.creditorName(locale)))
                .orElseGet(() -> new Receipt(token, true, null, null, reference, s.externalRef(),
                        money(s.balanceMinor(), currency, locale), null, templates.creditorName(locale)));
        return page("portal/receipt", locale, HttpStatus.OK, "receipt", receipt);
    }

    /** Returns the account of a valid token; empty for an expired or invalid one. */
    private Optional<AccountView> account(String token) {
        if (portal.verify(token) instanceof PortalToken.Valid(Claims claims)) {
            return ledger.account(claims.accountId(), null);
        }
        return Optional.empty();
    }

    /** Answers a token that did not give an account: 410 when it is ours but expired, else 404. */
    private ModelAndView refused(String token, HttpServletRequest request) throws Exception {
        if (portal.verify(token) instanceof PortalToken.Expired(Claims claims)) {
            String locale = ledger.account(claims.accountId(), null).map(PortalPayController::locale)
                    .orElseGet(() -> browser(request));
            return page("portal/expired", locale, HttpStatus.GONE, null, null);
        }
        return page("portal/invalid", browser(request), HttpStatus.NOT_FOUND, null, null);
    }

    /** Returns true when the browser says the form was sent from another site. */
    static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        if ("same-origin".equals(site)) {
            // the browser vouches for our own page; its Origin is "null" because our pages send Referrer-Policy
            // no-referrer (Fetch standard, "serializing a request origin": a POST under no-referrer sends null)
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host == null || o.getHost() == null || !authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true; // "null" or garbage: a sandboxed or privacy-hiding context, not our page
        }
    }

    private ModelAndView page(String name, String locale, HttpStatus status, String key, Object model)
            throws Exception {
        View view = views.getObject().resolveViewName(name, javaLocale(locale));
        ModelAndView mv = new ModelAndView(view);
        mv.setStatus(status);
        if (key != null) {
            mv.addObject(key, model);
        }
        return mv;
    }

    private static void privateHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }

    /** Returns zh-CN, zh-TW or en for a customer: the portal's languages. */
    static String locale(AccountView account) {
        return closest(account.customer().locale());
    }

    private static String browser(HttpServletRequest request) {
        return closest(request.getLocale() == null ? null : request.getLocale().toLanguageTag());
    }

    static String closest(String tag) {
        if (tag == null) {
            return "en";
        }
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.startsWith("zh")) {
            return t.contains("tw") || t.contains("hk") || t.contains("mo") || t.contains("hant") ? "zh-TW" : "zh-CN";
        }
        return "en";
    }

    private static Locale javaLocale(String locale) {
        return switch (locale) {
            case "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            case "zh-TW" -> Locale.TRADITIONAL_CHINESE;
            default -> Locale.ENGLISH;
        };
    }

    private static ZoneId zone(AccountView account) {
        try {
            return account.customer().timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(account.customer().timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static String money(long minor, Currency currency, String locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(switch (locale) {
            case "zh-CN" -> Locale.CHINA;
            case "zh-TW" -> Locale.TAIWAN;
            default -> Locale.US;
        });
        format.setCurrency(currency);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(java.math.BigDecimal.valueOf(minor, digits));
    }
}
