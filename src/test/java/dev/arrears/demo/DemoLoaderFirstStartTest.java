package dev.arrears.demo;

import dev.arrears.cycle.CycleView;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.LoadReport;
import dev.arrears.platform.DatabaseConfiguration.DatabaseTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DemoLoaderFirstStartTest {

    // 18:30 UTC on 23 November is 02:30 on 24 November in Shanghai
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T18:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate SHANGHAI_TODAY = LocalDate.of(2026, 11, 24);

    private final Ledger ledger = mock(Ledger.class);
    private final Cycles cycles = mock(Cycles.class);

    private DemoLoader loader(boolean enabled, boolean embedded) {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://localhost:5432/postgres", "postgres", "",
                embedded);
        return new DemoLoader(ledger, cycles, mock(dev.arrears.arrangement.Promises.class), target, CLOCK,
                mock(dev.arrears.bank.DirectDebits.class), enabled, 30, 7);
    }

    @Test
    void today_isTheDateInShanghai() {
        assertThat(loader(true, true).today()).isEqualTo(SHANGHAI_TODAY);
    }

    @Test
    void emptyEmbeddedDatabase_getsTheConfiguredDemoReplayedUpToToday() {
        when(ledger.customerCount()).thenReturn(0L);
        when(ledger.loadOn(any(), any())).thenReturn(new LoadReport(0, 0, 0, 0, 0, 0, 0));
        when(ledger.accountIds(any())).thenReturn(Map.of());
        when(cycles.withoutEventEvaluation(any())).thenAnswer(call -> ((Supplier<?>) call.getArgument(0)).get());
        when(cycles.run(any(), any(), any())).thenAnswer(call -> new CycleView(1, call.getArgument(0), "DONE", 1, 1,
                0, 0, 0, 0, Instant.EPOCH, Instant.EPOCH, 0));

        loader(true, true).loadOnFirstStart();

        ArgumentCaptor<LedgerBatch> batches = ArgumentCaptor.forClass(LedgerBatch.class);
        verify(ledger, atLeast(300)).loadOn(batches.capture(), any());
        LedgerBatch generated = DemoPortfolio.generate(30, 7, SHANGHAI_TODAY);
        // customers and accounts first, then each day's records in date order, then one cycle per day up to today
        assertThat(batches.getAllValues().getFirst().customers()).isEqualTo(generated.customers());
        assertThat(batches.getAllValues().getFirst().accounts()).isEqualTo(generated.accounts());
        assertThat(batches.getAllValues().stream().mapToInt(b -> b.bills().size()).sum())
                .isEqualTo(generated.bills().size());
        ArgumentCaptor<LocalDate> days = ArgumentCaptor.forClass(LocalDate.class);
        verify(cycles, atLeast(300)).run(days.capture(), any(), any());
        assertThat(days.getAllValues().getLast()).isEqualTo(SHANGHAI_TODAY);
        assertThat(days.getAllValues()).isSorted().doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({
            "false, true,  0",
            "true,  false, 0",
            "true,  true,  1",
    })
    void demo_isNotLoadedWhenDisabledExternalOrNotEmpty(boolean enabled, boolean embedded, long customers) {
        when(ledger.customerCount()).thenReturn(customers);

        loader(enabled, embedded).loadOnFirstStart();

        verify(ledger, never()).load(any());
    }

    @Test
    void load_passesTheGeneratedBatchToTheLedger() {
        LoadReport report = new LoadReport(3, 3, 30, 20, 1, 0, 3);
        when(ledger.load(any())).thenReturn(report);

        assertThat(loader(false, false).load(3, 99, LocalDate.of(2026, 6, 30))).isEqualTo(report);

        verify(ledger).load(DemoPortfolio.generate(3, 99, LocalDate.of(2026, 6, 30)));
    }
}
