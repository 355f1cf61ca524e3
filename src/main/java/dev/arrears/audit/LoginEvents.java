package dev.arrears.audit;

import dev.arrears.shared.LoginLockedOut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records logins, each in a small transaction of its own. Every failure is recorded; the name attempted is kept
 * only when it is a real user's, otherwise as a keyed fingerprint, because people type passwords into the user
 * name field and the trail cannot be erased. HTTP Basic authenticates every API request, so a user's successes are
 * recorded once per {@code arrears.audit.login-success-interval} (10 minutes) per node; 0 records every one.
 * A lock-out after repeated failures is recorded with the name (or its fingerprint) and the client's fingerprint.
 */
@Component
class LoginEvents {

    private final AuditTrail trail;
    private final ObjectProvider<UserDetailsService> users;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Long> lastRecorded = new ConcurrentHashMap<>();

    LoginEvents(AuditTrail trail, ObjectProvider<UserDetailsService> users,
                @Value("${arrears.audit.login-success-interval:PT10M}") Duration interval) {
        this.trail = trail;
        this.users = users;
        this.intervalNanos = interval.toNanos();
    }

    @EventListener
    void on(AuthenticationSuccessEvent e) {
        Authentication auth = e.getAuthentication();
        String name = auth.getName();
        if (name == null || name.isBlank() || !due(name)) {
            return;
        }
        String user = cut(name);
        trail.record(new AuditRecord(AuditKind.LOGIN_SUCCEEDED, user, "user", user,
                AuditEvents.details("authentication", auth.getClass().getSimpleName()), null));
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent e) {
        String attempted = e.getAuthentication() == null ? null : e.getAuthentication().getName();
        boolean known = attempted != null && !attempted.isBlank() && attempted.length() <= AuditRecord.MAX_TEXT
                && exists(attempted);
        String subject = known ? attempted : "unknown:" + trail.fingerprint(attempted == null ? "" : attempted);
        trail.record(new AuditRecord(AuditKind.LOGIN_FAILED, known ? attempted : "anonymous", "user", subject,
                AuditEvents.details("reason", e.getException().getClass().getSimpleName(), "knownUser", known),
                null));
    }

    @EventListener
    void on(LoginLockedOut e) {
        String attempted = e.attemptedName();
        boolean known = attempted != null && !attempted.isBlank() && attempted.length() <= AuditRecord.MAX_TEXT
                && exists(attempted);
        String user = known ? attempted : "unknown:" + trail.fingerprint(attempted == null ? "" : attempted);
        // the address identifies a person or an office: kept only as its keyed fingerprint
        String client = trail.fingerprint(e.clientAddress() == null ? "" : e.clientAddress());
        trail.record(new AuditRecord(AuditKind.LOGIN_LOCKED_OUT, known ? attempted : "anonymous",
                e.scope().equals("client") ? "client" : "user", e.scope().equals("client") ? client : user,
                AuditEvents.details("scope", e.scope(), "until", e.until().toString(), "user", user,
                        "clientFingerprint", client, "knownUser", known), e.at()));
    }

    /** Returns true when the user's last recorded success on this node is older than the interval, and marks now. */
    private boolean due(String name) {
        long now = System.nanoTime();
        boolean[] due = {false};
        lastRecorded.compute(name, (k, last) -> {
            if (last == null || now - last >= intervalNanos) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    private boolean exists(String name) {
        UserDetailsService service = users.getIfAvailable();
        if (service == null) {
            return false;
        }
        try {
            return service.loadUserByUsername(name) != null;
        } catch (UsernameNotFoundException e) {
            return false;
        }
    }

    private static String cut(String name) {
        return name.length() > AuditRecord.MAX_TEXT ? name.substring(0, AuditRecord.MAX_TEXT) : name;
    }
}
