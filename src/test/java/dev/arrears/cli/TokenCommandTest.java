package dev.arrears.cli;

import dev.arrears.platform.ApiTokens.CreatedToken;
import dev.arrears.platform.ApiTokens.TokenView;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void create_printsTheTokenAloneOnStdoutOnce() {
        int code = TokenCommand.Create.create((name, scopes) -> new CreatedToken("arr_secret", new TokenView(3, name,
                "arr_secre", scopes, "cli", Instant.parse("2026-11-23T04:00:00Z"), null, null)), "sync",
                List.of("payments:write", "read"), stdout, stderr);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("arr_secret" + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("id=3 name=sync scopes=payments:write,read")
                .doesNotContain("arr_secret");
    }

    @Test
    void createWithAnUnknownScope_exitsTwoNamingTheOption() {
        int code = TokenCommand.Create.create((name, scopes) -> {
            throw new InvalidInputException(FieldError.at("/scopes", "unknown scope 'root'"));
        }, "sync", List.of("root"), stdout, stderr);

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--scope: unknown scope 'root'");
    }

    @Test
    void createWithoutAScope_isAUsageError() {
        int code = new CommandLine(new ArrearsCommand()).setErr(new java.io.PrintWriter(stderr, true)).execute("token", "create", "--name", "x");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--scope");
    }
}
