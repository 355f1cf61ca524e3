package dev.arrears.bank.domain;

import dev.arrears.bank.domain.DebitPlanner.History;
import dev.arrears.bank.domain.DebitPlanner.Mandate;
import dev.arrears.bank.domain.DebitPlanner.OpenBill;
import dev.arrears.bank.domain.DebitPlanner.Planned;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DebitPlannerTest {

    private static final LocalDate ON = LocalDate.of(2026, 12, 5);

    private static OpenBill bill(long id, long account, LocalDate due, long owing) {
        return new OpenBill(id, "B" + id, account, due, "EUR", owing);
    }

    @Test
    void collectsWhatIsDueByTheDate_firstCollectionOfAMandateIsFrstThenRcur() {
        List<Mandate> mandates = List.of(new Mandate(1, 10, ON.minusMonths(1), false),
                new Mandate(2, 20, ON.minusMonths(6), true));
        Map<Long, List<OpenBill>> bills = Map.of(
                10L, List.of(bill(102, 10, ON, 500), bill(101, 10, ON.minusDays(30), 1200),
                        bill(103, 10, ON.plusDays(1), 700)),
                20L, List.of(bill(201, 20, ON.minusDays(3), 999)));
        List<Planned> plan = DebitPlanner.plan(ON, mandates, bills, Map.of(), 2);
        assertThat(plan).extracting(Planned::billId, Planned::amountMinor, Planned::sequence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(101L, 1200L, "FRST"),
                        org.assertj.core.groups.Tuple.tuple(102L, 500L, "RCUR"),
                        org.assertj.core.groups.Tuple.tuple(201L, 999L, "RCUR"));
    }

    @Test
    void skipsBillsOnTheirWay_presentedTooOften_paid_orMandatesNotYetSigned() {
        List<Mandate> mandates = List.of(new Mandate(1, 10, ON.minusMonths(1), true),
                new Mandate(2, 20, ON.plusDays(1), false));
        Map<Long, List<OpenBill>> bills = Map.of(
                10L, List.of(bill(1, 10, ON, 100), bill(2, 10, ON, 100), bill(3, 10, ON, 100), bill(4, 10, ON, 0)),
                20L, List.of(bill(5, 20, ON, 100)));
        Map<Long, History> history = Map.of(1L, new History(1, true), 2L, new History(2, false),
                3L, new History(1, false));
        assertThat(DebitPlanner.plan(ON, mandates, bills, history, 2)).extracting(Planned::billId)
                .containsExactly(3L); // a returned bill presented once goes again; twice is enough
        assertThat(DebitPlanner.plan(ON, mandates, bills, history, 1)).isEmpty();
    }

    @Test
    void nothingDue_nothingPlanned() {
        assertThat(DebitPlanner.plan(ON, List.of(new Mandate(1, 10, ON, false)), Map.of(), Map.of(), 2)).isEmpty();
        assertThat(DebitPlanner.plan(ON, List.of(), Map.of(10L, List.of(bill(1, 10, ON, 5))), Map.of(), 2))
                .isEmpty();
    }
}
