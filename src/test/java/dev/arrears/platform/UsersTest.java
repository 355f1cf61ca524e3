package dev.arrears.platform;

import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users: creation rules, roles, disabling, password resets, and that sign-in follows each change. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsersTest {

    private static final String PASSWORD = "users-test-password";

    @Autowired
    Users users;

    @Autowired
    AuthenticationProvider signIn;

    @Autowired
    DatabaseConfiguration.DatabaseTarget target;

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "a               | COLLECTOR       | users-test-password | /username",
            "has space       | COLLECTOR       | users-test-password | /username",
            "ok-name         | -               | users-test-password | /roles",
            "ok-name         | JANITOR         | users-test-password | /roles",
            "ok-name         | COLLECTOR       | short               | /password",
            "ok-name         | COLLECTOR       | -                   | /password"})
    void badInput_isRefusedNamingTheField(String name, String role, String password, String pointer) {
        assertThatThrownBy(() -> users.add(name, role == null ? List.of() : List.of(role), password, "test"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer).containsExactly(pointer));
    }

    @Test
    void aNewUser_signsInWithItsRoles_andATakenNameIsAConflict() {
        String name = name();
        Users.UserView created = users.add(name, List.of("collector", "SUPERVISOR"), PASSWORD, "test");
        assertThat(created.roles()).containsExactly(Role.SUPERVISOR, Role.COLLECTOR);
        assertThat(created.enabled()).isTrue();
        assertThat(roles(signIn.authenticate(token(name, PASSWORD)))).containsExactlyInAnyOrder("ROLE_COLLECTOR",
                "ROLE_SUPERVISOR");
        assertThatThrownBy(() -> users.add(name, List.of("ADMIN"), PASSWORD, "test"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void disabling_stopsSignIn_enablingRestoresIt() {
        String name = name();
        users.add(name, List.of("AGENCY"), PASSWORD, "test");
        assertThat(users.setEnabled(name, false, "test").enabled()).isFalse();
        assertThatThrownBy(() -> signIn.authenticate(token(name, PASSWORD))).isInstanceOf(DisabledException.class);
        users.setEnabled(name, true, "test");
        assertThat(signIn.authenticate(token(name, PASSWORD)).isAuthenticated()).isTrue();
    }

    @Test
    void resettingThePassword_replacesTheOldOne() {
        String name = name();
        users.add(name, List.of("AUDITOR"), PASSWORD, "test");
        String generated = users.resetPassword(name, null, "test");
        assertThat(generated).hasSize(16);
        assertThatThrownBy(() -> signIn.authenticate(token(name, PASSWORD)))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(signIn.authenticate(token(name, generated)).isAuthenticated()).isTrue();
    }

    @Test
    void changingRoles_changesWhatSignInGrants() {
        String name = name();
        users.add(name, List.of("COLLECTOR"), PASSWORD, "test");
        users.setRoles(name, List.of("STRATEGIST", "AUDITOR"), "test");
        assertThat(roles(signIn.authenticate(token(name, PASSWORD))))
                .containsExactlyInAnyOrder("ROLE_STRATEGIST", "ROLE_AUDITOR");
    }

    @Test
    void anAdministrator_cannotDisableItself_norTakeItsOwnAdminRole() {
        String name = name();
        users.add(name, List.of("ADMIN"), PASSWORD, "test");
        assertThatThrownBy(() -> users.setEnabled(name, false, name)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> users.setRoles(name, List.of("AUDITOR"), name)).isInstanceOf(ConflictException.class);
        assertThat(users.user(name).orElseThrow().roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void changesToAnUnknownUser_areNotFound() {
        assertThatThrownBy(() -> users.setEnabled("no-such-user-" + UUID.randomUUID(), false, "test"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDemoUsers_existOnTheEmbeddedDatabase_onePerRole() {
        Assumptions.assumeTrue(target.embedded(), "a server database given by URL has no demo users");
        assertThat(users.user("demo").orElseThrow().roles()).containsExactly(Role.ADMIN);
        for (Role role : Role.values()) {
            assertThat(users.user(role.name().toLowerCase()).orElseThrow().roles()).containsExactly(role);
        }
        assertThat(signIn.authenticate(token("collector", DemoUser.PASSWORD)).isAuthenticated()).isTrue();
    }

    private static UsernamePasswordAuthenticationToken token(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }

    private static List<String> roles(Authentication a) {
        return a.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(r -> r.startsWith("ROLE_")).toList();
    }

    private static String name() {
        return "ut-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
