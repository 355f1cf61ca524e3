package dev.arrears.selfservice.web;

import dev.arrears.selfservice.domain.RateWindow;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Limits requests to the customer's portal ({@code /portal/**}) per link token and per client address, in fixed
 * windows of {@code arrears.portal.rate.window} (a minute) by the application clock: at most
 * {@code arrears.portal.rate.per-token} (30) and {@code .per-ip} (120) requests, of which at most
 * {@code .posts-per-token} (10) and {@code .posts-per-ip} (30) may be POSTs. A request over a limit gets 429 with
 * {@code Retry-After} (seconds to the window's end) and a short page in the browser's language that says to wait;
 * it reaches nothing else. Runs before security so that a flood costs no session or database work. The client
 * address is the connection's ({@code server.forward-headers-strategy} decides whether a proxy's header counts).
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PortalRateLimit extends OncePerRequestFilter {

    /** Keys held per counter before stale ones are dropped. */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final RateWindow perToken;
    private final RateWindow perIp;
    private final RateWindow postsPerToken;
    private final RateWindow postsPerIp;
    private final ObjectProvider<ThymeleafViewResolver> views;

    PortalRateLimit(Clock clock, ObjectProvider<ThymeleafViewResolver> views,
                    @Value("${arrears.portal.rate.window:PT1M}") Duration window,
                    @Value("${arrears.portal.rate.per-token:30}") int perToken,
                    @Value("${arrears.portal.rate.per-ip:120}") int perIp,
                    @Value("${arrears.portal.rate.posts-per-token:10}") int postsPerToken,
                    @Value("${arrears.portal.rate.posts-per-ip:30}") int postsPerIp) {
        this.clock = clock;
        this.views = views;
        try {
            this.perToken = new RateWindow(perToken, window, MAX_KEYS);
            this.perIp = new RateWindow(perIp, window, MAX_KEYS);
            this.postsPerToken = new RateWindow(postsPerToken, window, MAX_KEYS);
            this.postsPerIp = new RateWindow(postsPerIp, window, MAX_KEYS);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("arrears.portal.rate.* must be positive (limits per window, and the "
                    + "window a duration such as PT1M)", e);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith("/portal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var now = clock.instant();
        String path = path(request);
        int end = path.indexOf('/', "/portal/".length());
        String token = end < 0 ? path.substring("/portal/".length()) : path.substring("/portal/".length(), end);
        String ip = "ip:" + request.getRemoteAddr();
        long retry = 0;
        // every counter counts the request, so that a client refused on one limit still uses up the others
        for (RateWindow.Decision d : new RateWindow.Decision[]{perToken.hit(token, now), perIp.hit(ip, now)}) {
            retry = Math.max(retry, d.allowed() ? 0 : d.retryAfterSeconds());
        }
        if (request.getMethod().equals("POST")) {
            for (RateWindow.Decision d : new RateWindow.Decision[]{postsPerToken.hit(token, now),
                    postsPerIp.hit(ip, now)}) {
                retry = Math.max(retry, d.allowed() ? 0 : d.retryAfterSeconds());
            }
        }
        if (retry == 0) {
            chain.doFilter(request, response);
            return;
        }
        refuse(retry, request, response);
    }

    private void refuse(long retryAfter, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        ThymeleafViewResolver resolver = views.getIfAvailable();
        try {
            View view = resolver == null ? null
                    : resolver.resolveViewName("portal/busy", PortalPages.javaLocale(PortalPages.browser(request)));
            if (view != null) {
                view.render(Map.of("retryAfter", retryAfter), request, response);
                return;
            }
        } catch (Exception e) {
            if (response.isCommitted()) {
                return;
            }
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Too many requests; try again in " + retryAfter + " seconds.\n");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
