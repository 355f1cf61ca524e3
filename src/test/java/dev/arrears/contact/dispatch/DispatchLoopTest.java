package dev.arrears.contact.dispatch;

import dev.arrears.contact.Dispatch;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatch loop: its workers pick up what becomes due while it runs, and it stops cleanly. */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DispatchLoopTest {

    @Autowired
    Dispatch dispatch;
    @Autowired
    Ledger ledger;
    @Autowired
    Cycles cycles;
    @Autowired
    JdbcClient jdbc;

    @Test
    void workersSendWhatBecomesDueAndStopWhenAsked() throws InterruptedException {
        DispatchFixture f = new DispatchFixture(ledger, cycles, jdbc);
        long a = f.account("Loop");
        long first = f.sms(a);
        DispatchEngine engine = DispatchFixture.variant(dispatch.engine(), s -> s, dispatch.engine().parts().clock(),
                s -> new DispatchSettings(s.batchSize(), s.lease(), s.backoff(), s.maxClaims(), s.historyDays(),
                        s.maxAgeDays(), 2, java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100),
                        s.rates(), s.jitterSeed()));
        DispatchLoop loop = new DispatchLoop(engine, List.of(a));

        loop.start(2);
        try {
            waitUntilSent(first);
            long second = f.plan(a, "EMAIL", "EMAIL", null, "overdue_notice");
            waitUntilSent(second);
        } finally {
            long stopping = System.nanoTime();
            loop.stop();
            assertThat((System.nanoTime() - stopping) / 1_000_000).as("stops within a second").isLessThan(1_000);
        }
        assertThat(loop.running()).isFalse();
        long third = f.sms(a);
        Thread.sleep(300);
        assertThat(f.actionState(third)).as("nothing runs after stop").isEqualTo("PLANNED");
    }

    private void waitUntilSent(long action) throws InterruptedException {
        for (int i = 0; i < 200 && !"SENT".equals(dispatchState(action)); i++) {
            Thread.sleep(50);
        }
        assertThat(dispatchState(action)).isEqualTo("SENT");
    }

    private String dispatchState(long action) {
        return jdbc.sql("select state from planned_action where id = ?").param(action).query(String.class).single();
    }
}
