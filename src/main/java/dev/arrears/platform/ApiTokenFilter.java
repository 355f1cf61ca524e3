package dev.arrears.platform;

import dev.arrears.platform.ApiTokens.TokenView;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Authenticates {@code Authorization: Bearer arr_…} on the API beside HTTP Basic: an unknown or revoked token is 401,
 * a request its scopes do not cover 403, both as problem+json, and a good one runs as {@code token:<name>} with
 * authorities {@code SCOPE_<scope>} and no role (so role-guarded endpoints stay closed to tokens). Requests without a
 * bearer token pass on untouched. Scopes: {@code read} covers GET and HEAD; {@code payments:write} the payment
 * writes (payments, reversals, payment links); {@code imports:write} the imports; nothing else is open to tokens.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private static final Pattern PAYMENT_WRITES = Pattern.compile(
            "/api/v1/payments(/.*)?|/api/v1/accounts/[^/]+/payment-links");
    private static final Pattern IMPORT_WRITES = Pattern.compile("/api/v1/imports(/.*)?");

    private final ApiTokens tokens;
    private final ApplicationEventPublisher events;

    ApiTokenFilter(ApiTokens tokens, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.events = events;
    }

    /** A request authenticated by an API token. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final TokenView token;

        TokenAuthentication(TokenView token) {
            super(token.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList());
            this.token = token;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "token:" + token.name();
        }

        @Override
        public String getName() {
            return "token:" + token.name();
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<TokenView> token = tokens.authenticate(header.substring(7).strip());
        if (token.isEmpty()) {
            problem(request, response, HttpStatus.UNAUTHORIZED, "The API token is unknown or revoked");
            return;
        }
        String needed = scopeNeeded(request.getMethod(), path(request));
        if (needed == null || !token.get().scopes().contains(needed)) {
            problem(request, response, HttpStatus.FORBIDDEN, needed == null
                    ? "API tokens may not call " + request.getMethod() + " " + path(request)
                    : "This API token lacks the scope " + needed);
            return;
        }
        TokenAuthentication authentication = new TokenAuthentication(token.get());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        events.publishEvent(new AuthenticationSuccessEvent(authentication));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Returns the scope a request needs, or null when no scope allows it. */
    static String scopeNeeded(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals("GET") || m.equals("HEAD")) {
            return "read";
        }
        if (PAYMENT_WRITES.matcher(path).matches()) {
            return "payments:write";
        }
        if (IMPORT_WRITES.matcher(path).matches() && m.equals("POST")) {
            return "imports:write";
        }
        return null;
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                String detail) throws IOException {
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"arrears\", error=\"invalid_token\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s"}"""
                .formatted(status.getReasonPhrase(), status.value(), detail.replace("\"", "'"),
                        request.getRequestURI().replace("\"", "")));
    }
}
