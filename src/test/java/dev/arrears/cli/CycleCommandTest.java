package dev.arrears.cli;

import dev.arrears.cycle.CycleView;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CycleCommandTest {

    private static CycleView view(int done, String state) {
        return new CycleView(7, LocalDate.of(2026, 5, 1), state, 10, done, done * 1000L, done * 900L, 50, 5,
                Instant.EPOCH, null, 1.234);
    }

    @Test
    void summaryLine_namesTheRunAndItsCounts() {
        assertThat(CycleCommand.line(view(10, "DONE"))).isEqualTo(
                "cycle id=7 as_of=2026-05-01 state=DONE accounts=10000 actions=9000 opened=50 closed=5 seconds=1.23");
    }

    @Test
    void progressWithoutATerminal_printsEveryTenthOnce() {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CycleCommand.Progress bar = new CycleCommand.Progress(false);
            for (int done : new int[]{0, 0, 1, 1, 5, 10}) {
                bar.show(view(done, done == 10 ? "DONE" : "RUNNING"));
            }
            bar.end();
        } finally {
            System.setErr(before);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(4);
        assertThat(out).contains("[###############...............]  50% partitions 5/10");
        assertThat(out.lines().toList().getLast()).startsWith("[##############################] 100% partitions 10/10");
    }
}
