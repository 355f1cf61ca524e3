package dev.arrears.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
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
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
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
                    // an auditor reads every page and posts no form (signing out excepted)
                    a.requestMatchers(HttpMethod.POST, "/logout").authenticated();
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
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(f -> f.deny()))
                // session fixation: Spring's default, a new session id at sign-in (changeSessionId), said aloud
                .sessionManagement(m -> m.sessionFixation(f -> f.changeSessionId()))
                .build();
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
