package dev.arrears.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/**
 * Who may see what. Open: health, static assets, the login page and the public customer paths, each of which
 * checks its own signature. The API takes HTTP Basic or an API token ({@code Authorization: Bearer arr_…}, see
 * {@link ApiTokens}) and answers 401 as problem+json; pages redirect to a form login. Users live in
 * {@code app_user} with bcrypt hashes, behind the {@link LoginThrottle}. Writes need the roles {@link AccessRules}
 * names (403 problem+json on the API, the friendly 403 page on pages); the administration pages need ADMIN. HSTS is
 * Spring's default: sent only on secure requests.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /** Paths open without login: their own signatures protect them. */
    private static final List<HttpMethod> WRITES = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    static final String[] PUBLIC_PATHS = {
            "/actuator/health", "/actuator/health/**", "/login", "/css/**", "/js/**", "/img/**", "/webjars/**",
            "/favicon.ico", "/portal/**", "/optout/**", "/api/v1/payments/webhooks/**", "/error"};

    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ApplicationEventPublisher events) throws Exception {
        AuthenticationEntryPoint problem = (request, response, e) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Basic realm=\"arrears\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"about:blank","title":"Unauthorized","status":401,\
                    "detail":"Authentication required: use HTTP Basic or an API token","instance":"%s"}"""
                    .formatted(request.getRequestURI().replace("\"", "")));
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"about:blank","title":"Forbidden","status":403,\
                    "detail":"Your role does not allow this","instance":"%s"}"""
                    .formatted(request.getRequestURI().replace("\"", "")));
        };
        return http
                .securityMatcher("/api/**", "/v3/api-docs/**", "/actuator/**")
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/api/v1/payments/webhooks/**", "/actuator/health", "/actuator/health/**")
                            .permitAll();
                    for (AccessRules.Rule rule : AccessRules.API) {
                        a.requestMatchers(rule.method(), rule.pattern()).access(AccessRules.allow(rule.roles()));
                    }
                    // a write no rule names is the administrators' alone
                    for (HttpMethod write : WRITES) {
                        a.requestMatchers(write, "/api/**").access(AccessRules.allow(Set.of()));
                    }
                    a.anyRequest().authenticated();
                })
                .addFilterBefore(new ApiTokenFilter(tokens, events), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint(problem))
                .exceptionHandling(e -> e.authenticationEntryPoint(problem).accessDeniedHandler(forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain pages(HttpSecurity http, MessageSource messages) throws Exception {
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        // a lock-out says so, for real names and made-up ones alike; every other failure reads the same
        failures.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        failures.setDefaultFailureUrl("/login?error");
        // a page asked for before signing in wins; otherwise overseeing roles land on the dashboard (Navigation)
        SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            protected String determineTargetUrl(jakarta.servlet.http.HttpServletRequest request,
                                                jakarta.servlet.http.HttpServletResponse response,
                                                org.springframework.security.core.Authentication authentication) {
                return Navigation.landing(authentication);
            }
        };
        return http
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(PUBLIC_PATHS).permitAll();
                    a.requestMatchers("/admin/**").hasRole(Role.ADMIN.name());
                    // an auditor reads every page and posts no form (signing out and dry runs excepted)
                    a.requestMatchers(HttpMethod.POST, "/logout").authenticated();
                    // a dry run writes nothing: the auditor may validate a strategy document as on the API
                    a.requestMatchers(HttpMethod.POST, AccessRules.PAGE_DRY_RUNS).authenticated();
                    for (HttpMethod write : WRITES) {
                        a.requestMatchers(write, "/**").hasAnyRole(AccessRules.writers());
                    }
                    a.anyRequest().authenticated();
                })
                // the friendly page for 403 is templates/error/403.html, reached through /error
                .formLogin(f -> f.loginPage("/login").successHandler(landing).failureHandler(failures)
                        .permitAll())
                // the opt-out link's signed token is its own credential, and mail providers' one-click
                // unsubscribe (RFC 8058) posts without any form of ours; the portal's pay step is public and its
                // path carries the signed token, a secret no other site knows, so it serves as the CSRF token
                // (the pay step also refuses cross-site requests by their Origin and Sec-Fetch-Site headers)
                .csrf(c -> c.ignoringRequestMatchers("/optout/**", "/portal/*/pay"))
                // the portal's forms carry the session's CSRF token: a customer whose session ran out (or a forged
                // form) gets a short page in their browser's language rather than the staff application's error
                // (with a single mapping Spring would use it for every request: the staff pages keep the default,
                // a 403 through /error to templates/error/403.html)
                .exceptionHandling(e -> e
                        .defaultAccessDeniedHandlerFor(portalRefused(messages),
                                PathPatternRequestMatcher.withDefaults().matcher("/portal/**"))
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "frame-ancestors 'none'; form-action 'self'"))
                        // X-Frame-Options DENY, unless a response that this site alone may frame says
                        // SAMEORIGIN itself (the outbox's e-mail HTML, shown in a sandboxed frame); its own
                        // Content-Security-Policy likewise replaces the one above
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter((request, response) -> {
                            if (!response.containsHeader("X-Frame-Options")) {
                                response.setHeader("X-Frame-Options", "DENY");
                            }
                        }))
                // session fixation: Spring's default, a new session id at sign-in (changeSessionId), said aloud
                .sessionManagement(m -> m.sessionFixation(f -> f.changeSessionId()))
                .build();
    }

    /** Answers a refused portal request (a form without its CSRF token): 403 and a page that says to reopen the link. */
    private static AccessDeniedHandler portalRefused(MessageSource messages) {
        return (request, response, denied) -> {
            String tag = request.getLocale() == null ? "en" : request.getLocale().toLanguageTag().toLowerCase(Locale.ROOT);
            Locale locale = !tag.startsWith("zh") ? Locale.ENGLISH
                    : tag.contains("tw") || tag.contains("hk") || tag.contains("mo") || tag.contains("hant")
                    ? Locale.TRADITIONAL_CHINESE : Locale.SIMPLIFIED_CHINESE;
            String title = HtmlUtils.htmlEscape(messages.getMessage("portal.refused.title", null, "Forbidden", locale));
            String body = HtmlUtils.htmlEscape(messages.getMessage("portal.error.form", null, "", locale));
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    <!DOCTYPE html>
                    <html lang="%s"><head><meta charset="utf-8">\
                    <meta name="viewport" content="width=device-width, initial-scale=1">\
                    <meta name="robots" content="noindex, nofollow"><title>%s</title>\
                    <link rel="stylesheet" href="%s/css/portal.css"></head>
                    <body><main class="portal"><h1>%s</h1><p>%s</p></main></body></html>
                    """.formatted(locale.toLanguageTag(), title, request.getContextPath(), title, body));
        };
    }

    /**
     * No Micrometer observations around the security filters, authentications and authorizations: with them every
     * filter of every request runs inside an observation of its own (a tenth of a payment request's CPU in a profile
     * of the payments benchmark), for traces nobody collects here. Switching them off by name
     * ({@code management.observations.enable.spring.security=false}) still wraps each filter; this removes the
     * wrapping. The request itself stays observed ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Password sign-in (form and HTTP Basic) behind the lock-out of repeated failures. */
    @Bean
    AuthenticationProvider passwordSignIn(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ThrottledAuthentication(passwords, throttle);
    }

    @Bean
    UserDetailsService userDetails(JdbcClient jdbc) {
        return username -> jdbc.sql("select username, password_hash, roles, enabled from app_user where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .authorities(Arrays.stream((String[]) rs.getArray(3).getArray())
                                .map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                        .disabled(!rs.getBoolean(4))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
