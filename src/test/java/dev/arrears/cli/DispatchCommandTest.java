package dev.arrears.cli;

import dev.arrears.contact.ContactViews.DispatchReport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchCommandTest {

    @Test
    void summaryLine_namesEveryCount() {
        DispatchReport r = new DispatchReport(12, 2, 12, 9, 1, 1, 1, 0, 3, 1, 0, 1);

        assertThat(DispatchCommand.line(r, 1.234)).isEqualTo("dispatch queued=12 call_tasks=2 sent=9 deferred=1"
                + " blocked=1 cancelled=1 failed=0 retried=3 fell_back=1 uncertain=0 taken_over=1 seconds=1.23");
    }

    @Test
    void workersOutOfRange_exitTwoNamingTheOption() {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ArrearsCommand.run("dispatch", "run", "--workers", "0");
        } finally {
            System.setErr(before);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--workers");
    }
}
