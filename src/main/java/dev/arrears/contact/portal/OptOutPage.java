package dev.arrears.contact.portal;

import dev.arrears.contact.Portal;
import dev.arrears.contact.PortalToken;
import dev.arrears.contact.PortalToken.Claims;
import dev.arrears.contact.template.Locales;
import dev.arrears.ledger.ContactPreferenceChanged.Source;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.shared.Channel;
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
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import java.util.Locale;
import java.util.Optional;

/**
 * The opt-out link of every e-mail (and the {@code List-Unsubscribe} target): {@code GET /optout/{token}?channel=email}
 * shows what will stop and a button, in the customer's language (a GET changes nothing, because mail scanners open
 * links); {@code POST} to the same address opts the customer out of that channel on every address, through the
 * ledger (source EMAIL_LINK, audited), also when a mail provider posts RFC 8058's one-click unsubscribe. An expired
 * but authentic token still works: a customer must be able to stop messages long after they were sent; an altered
 * one does not.
 */
@Controller
class OptOutPage {

    private final Portal portal;
    private final Ledger ledger;
    private final ObjectProvider<ThymeleafViewResolver> views;

    OptOutPage(Portal portal, Ledger ledger, ObjectProvider<ThymeleafViewResolver> views) {
        this.portal = portal;
        this.ledger = ledger;
        this.views = views;
    }

    @GetMapping("/optout/{token}")
    ModelAndView confirm(@PathVariable("token") String token, @RequestParam(name = "channel", required = false)
                         String channel, HttpServletRequest request, HttpServletResponse response) throws Exception {
        noStore(response);
        Optional<AccountView> account = account(token);
        Channel c = channel(channel);
        if (account.isEmpty() || c == null) {
            return page("portal/invalid", browser(request), HttpStatus.NOT_FOUND, null, null);
        }
        return page("portal/optout", locale(account.get()), HttpStatus.OK, c, token);
    }

    @PostMapping("/optout/{token}")
    ModelAndView optOut(@PathVariable("token") String token, @RequestParam(name = "channel", required = false)
                        String channel, HttpServletRequest request, HttpServletResponse response) throws Exception {
        noStore(response);
        Optional<AccountView> account = account(token);
        Channel c = channel(channel);
        if (account.isEmpty() || c == null) {
            return page("portal/invalid", browser(request), HttpStatus.NOT_FOUND, null, null);
        }
        ledger.optOut(account.get().customer().id(), c, null, Source.EMAIL_LINK);
        return page("portal/optedout", locale(account.get()), HttpStatus.OK, c, null);
    }

    /** Returns the account of an authentic token, expired or not. */
    private Optional<AccountView> account(String token) {
        Claims claims = switch (portal.verify(token)) {
            case PortalToken.Valid(Claims c) -> c;
            case PortalToken.Expired(Claims c) -> c;
            default -> null;
        };
        return claims == null ? Optional.empty() : ledger.account(claims.accountId(), null);
    }

    /** Returns the channel named in the link (e-mail when none); null for one that has no opt-out. */
    private static Channel channel(String name) {
        if (name == null || name.isBlank()) {
            return Channel.EMAIL;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "email" -> Channel.EMAIL;
            case "sms" -> Channel.SMS;
            case "push" -> Channel.PUSH;
            default -> null;
        };
    }

    private ModelAndView page(String name, String locale, HttpStatus status, Channel channel, String token)
            throws Exception {
        Locale l = switch (locale) {
            case "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            case "zh-TW" -> Locale.TRADITIONAL_CHINESE;
            default -> Locale.ENGLISH;
        };
        View view = views.getObject().resolveViewName(name, l);
        ModelAndView mv = new ModelAndView(view);
        mv.setStatus(status);
        if (channel != null) {
            mv.addObject("channel", channel.name());
            mv.addObject("channelParam", channel.name().toLowerCase(Locale.ROOT));
        }
        if (token != null) {
            mv.addObject("token", token);
        }
        return mv;
    }

    private static String locale(AccountView account) {
        return Locales.closest(account.customer().locale());
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }

    private static String browser(HttpServletRequest request) {
        return Locales.closest(request.getLocale() == null ? null : request.getLocale().toLanguageTag());
    }
}
