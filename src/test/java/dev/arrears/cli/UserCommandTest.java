package dev.arrears.cli;

import dev.arrears.platform.Users;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code arrears user …}: what it prints, its exit codes, and that a user it adds can sign in. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Autowired
    Users users;

    @Autowired
    AuthenticationProvider signIn;

    @Test
    void addWithoutAPassword_printsAGeneratedOneAloneOnStdout_thatSignsIn() {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        int code = UserCommand.run(() -> UserCommand.Add.add(users, name, List.of("COLLECTOR", "AGENCY"), null,
                stdout, stderr), stderr);
        assertThat(code).isZero();
        String password = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(password).hasSize(16).doesNotContain(" ");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("added user " + name + " roles=COLLECTOR,AGENCY")
                .doesNotContain(password);
        assertThat(signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password))
                .isAuthenticated()).isTrue();
    }

    @Test
    void addWithAGivenPassword_printsNoPassword() {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        int code = UserCommand.run(() -> UserCommand.Add.add(users, name, List.of("AUDITOR"),
                "a-password-from-stdin", stdout, stderr), stderr);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(users.user(name).orElseThrow().enabled()).isTrue();
    }

    @Test
    void refusals_exitWithTheirCodes_namingTheOption() {
        assertThat(UserCommand.run(() -> {
            throw new InvalidInputException(FieldError.at("/roles", "unknown role 'ROOT'"));
        }, stderr)).isEqualTo(2);
        assertThat(UserCommand.run(() -> {
            throw new NotFoundException("No user named x");
        }, stderr)).isEqualTo(3);
        assertThat(UserCommand.run(() -> {
            throw new ConflictException("A user named x exists already", List.of());
        }, stderr)).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--role: unknown role 'ROOT'")
                .contains("NAME: No user named x").contains("NAME: A user named x exists already");
    }

    @Test
    void addWithoutARole_isAUsageError() {
        int code = new CommandLine(new ArrearsCommand()).setErr(new PrintWriter(stderr, true))
                .execute("user", "add", "someone");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--role");
    }
}
