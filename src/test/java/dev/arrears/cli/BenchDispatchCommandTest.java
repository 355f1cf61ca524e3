package dev.arrears.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatch benchmark refuses what it cannot run before it starts anything: exit code 2, the option named. */
class BenchDispatchCommandTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--channel,  fax,   'must be sms or email'",
            "--channel,  push,  'must be sms or email'",
            "--messages, 0,     'must be from 1 to 1000000'",
            "--workers,  0,     'must be from 1 to 64'",
            "--window,   0,     'must be from 1 to 1000'",
            "--connections, 0, 'must be from 1 to 16'",
    })
    void unsupportedOptionExitsWithTwoNamingIt(String option, String value, String message) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ArrearsCommand());
        commandLine.setErr(new PrintWriter(err));

        int code = commandLine.execute("bench", "dispatch", option, value);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(option + ": " + message);
    }
}
