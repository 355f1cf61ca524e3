package dev.arrears.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admits at most {@code arrears.api.concurrent-writes} (4) write requests ({@code POST}, {@code PUT},
 * {@code PATCH}, {@code DELETE} under {@code /api/} and {@code /portal/}) into the application at once; the others
 * wait, in arrival order, holding nothing, and after {@code arrears.api.write-wait} (30 s) get 503 problem+json.
 * Why: a ledger write's listeners (the cycle's re-evaluation, dispatch's cancellation) run after its commit while
 * its connection is still bound, and each takes one or two more from the pool of 16; with as many writes in
 * flight as the pool has connections, every one of them would wait for a connection that only another of them
 * can free. Writes held to four need at most twelve. Two cores gain nothing from more writers in parallel anyway.
 * {@code POST /api/v1/payments} is not held here: those callers wait in the ledger's group commit, whose few
 * writer threads hold the connections.
 */
@Component
@ConditionalOnWebApplication
class WriteAdmission extends OncePerRequestFilter {

    /** The write path that the ledger group-commits (see {@code Ledger.submitPayments}). */
    static final String GROUP_COMMITTED = "/api/v1/payments";

    private final Semaphore permits;
    private final long waitNanos;

    WriteAdmission(@Value("${arrears.api.concurrent-writes:4}") int concurrentWrites,
                   @Value("${arrears.api.write-wait:PT30S}") Duration wait) {
        if (concurrentWrites < 1) {
            throw new IllegalStateException("arrears.api.concurrent-writes must be at least 1, was "
                    + concurrentWrites);
        }
        this.permits = new Semaphore(concurrentWrites, true);
        this.waitNanos = wait.toNanos();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // payments posted through the API wait in the ledger's group commit holding no connection: its writers
        // are the bound on connections there, and admitting callers one by one would keep batches small
        return !path.startsWith("/api/") && !path.startsWith("/portal/") || path.equals(GROUP_COMMITTED);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", "1");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"about:blank","title":"Service Unavailable","status":503,\
                    "detail":"Too many writes in progress; try again","instance":"%s"}"""
                    .formatted(request.getRequestURI().replace("\"", "")));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
