package dev.arrears.audit;

import dev.arrears.platform.Users;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * User administration and lock-outs in the audit trail: creation, role change, disabling, enabling, password reset
 * and unlock each leave an entry on the user with the actor and the roles after it (never a password); a lock-out
 * leaves LOGIN_LOCKED_OUT on the user, or on the fingerprint of a name that is no user's.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserAuditTest {

    private static final String PASSWORD = "user-audit-password";

    @Autowired
    Users users;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuthenticationProvider signIn;

    @Test
    void everyChangeToAUser_isRecordedWithItsActor_andNoPassword() {
        String name = "ua-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of("COLLECTOR"), PASSWORD, "admin-a");
        users.setRoles(name, List.of("SUPERVISOR", "COLLECTOR"), "admin-b");
        users.setEnabled(name, false, "admin-a");
        users.setEnabled(name, true, "admin-a");
        String generated = users.resetPassword(name, null, "admin-b");

        List<AuditEntryView> entries = entries("user", name);
        assertThat(entries).extracting(AuditEntryView::kind).containsExactly("USER_CREATED", "USER_ROLES_CHANGED",
                "USER_DISABLED", "USER_CHANGED", "PASSWORD_RESET");
        assertThat(entries).extracting(AuditEntryView::actor).containsExactly("admin-a", "admin-b", "admin-a",
                "admin-a", "admin-b");
        assertThat(entries.get(1).details()).contains("\"roles\":\"SUPERVISOR COLLECTOR\"")
                .contains("\"change\":\"ROLES_CHANGED\"");
        assertThat(entries.get(3).details()).contains("\"change\":\"ENABLED\"");
        assertThat(entries).allSatisfy(e -> assertThat(e.details()).doesNotContain(PASSWORD).doesNotContain(generated));
    }

    @Test
    void aLockOut_isRecordedOnTheUser_andOnAFingerprintForANameThatIsNoUsers() {
        String name = "ua-lock-" + UUID.randomUUID().toString().substring(0, 8);
        users.add(name, List.of("AGENCY"), PASSWORD, "admin-a");
        String madeUp = "typed-a-password-" + UUID.randomUUID().toString().substring(0, 8);
        for (String attempted : List.of(name, madeUp)) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> signIn.authenticate(UsernamePasswordAuthenticationToken
                        .unauthenticated(attempted, "wrong"))).isInstanceOf(AuthenticationException.class);
            }
        }
        assertThat(entries("user", name)).extracting(AuditEntryView::kind).contains("LOGIN_LOCKED_OUT");
        assertThat(entries("user", "unknown:" + trail.fingerprint(madeUp))).extracting(AuditEntryView::kind)
                .contains("LOGIN_LOCKED_OUT");
        assertThat(entries("user", madeUp)).isEmpty();

        users.unlock(name, "admin-b");
        assertThat(entries("user", name)).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("USER_CHANGED");
            assertThat(e.details()).contains("\"change\":\"UNLOCKED\"");
        });
    }

    private List<AuditEntryView> entries(String type, String id) {
        return trail.entries(new AuditQuery(null, null, null, type, id, null, 0, 100)).entries().stream()
                .filter(e -> !e.kind().startsWith("LOGIN_FAILED")).toList();
    }
}
