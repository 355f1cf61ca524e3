package dev.arrears.ledger.domain;

import dev.arrears.ledger.domain.AccountHistory.AdjustmentFact;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.domain.AccountHistory.BillFact;
import dev.arrears.ledger.domain.AccountHistory.PaymentFact;
import dev.arrears.ledger.domain.AccountPosition.Allocation;
import dev.arrears.ledger.domain.AccountPosition.DelinquencyEpisode;
import dev.arrears.ledger.domain.AccountPosition.ItemKind;
import dev.arrears.ledger.domain.AccountPosition.ItemPosition;
import dev.arrears.ledger.domain.AccountPosition.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class PositionsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Currency CNY = Currency.getInstance("CNY");

    /** Builds an account history; payments and reversals are given as local date-times of the account zone. */
    private static final class History {
        private final ZoneId zone;
        private final List<BillFact> bills = new ArrayList<>();
        private final List<PaymentFact> payments = new ArrayList<>();
        private final List<AdjustmentFact> adjustments = new ArrayList<>();
        private final Map<String, Long> ids = new HashMap<>();
        private long nextId = 1;

        History(ZoneId zone) {
            this.zone = zone;
        }

        History bill(String ref, String issueDate, String dueDate, long total) {
            bills.add(new BillFact(id(ref), ref, LocalDate.parse(issueDate), LocalDate.parse(dueDate), total));
            return this;
        }

        History pay(String ref, String localDateTime, long amount) {
            return pay(ref, localDateTime, amount, null, null);
        }

        History pay(String ref, String localDateTime, long amount, String reference) {
            return pay(ref, localDateTime, amount, reference, null);
        }

        History pay(String ref, String localDateTime, long amount, String reference, String reversedLocal) {
            payments.add(new PaymentFact(id(ref), ref, local(localDateTime), amount, reference,
                    reversedLocal == null ? null : local(reversedLocal)));
            return this;
        }

        History payAt(String ref, Instant receivedAt, long amount) {
            payments.add(new PaymentFact(id(ref), ref, receivedAt, amount, null, null));
            return this;
        }

        History adjust(String ref, AdjustmentType type, String billRef, long amount, String effective, String due) {
            adjustments.add(new AdjustmentFact(id(ref), ref, type, billRef, amount, LocalDate.parse(effective),
                    due == null ? null : LocalDate.parse(due)));
            return this;
        }

        Instant local(String localDateTime) {
            return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
        }

        long id(String ref) {
            return ids.computeIfAbsent(ref, r -> nextId++);
        }

        AccountHistory build() {
            return new AccountHistory(CNY, zone, bills, payments, adjustments);
        }

        AccountPosition asOf(String date) {
            AccountPosition position = Positions.asOf(build(), LocalDate.parse(date));
            assertInvariants(build(), position, "scenario");
            return position;
        }
    }

    private static History history() {
        return new History(SHANGHAI);
    }

    private static long outstanding(AccountPosition position, String ref) {
        return position.items().stream().filter(i -> i.ref().equals(ref)).mapToLong(ItemPosition::outstandingMinor)
                .sum();
    }

    private static Map<String, Long> allocationsOf(AccountPosition position, String sourceRef) {
        Map<String, Long> result = new HashMap<>();
        for (Allocation a : position.allocations()) {
            if (a.sourceRef().equals(sourceRef)) {
                result.merge(a.itemRef(), a.amountMinor(), Long::sum);
            }
        }
        return result;
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    // ---- allocation ----

    @ParameterizedTest(name = "pays {0} naming {1}: B1 left {2}, B2 left {3}, credit {4}")
    @CsvSource({
            "150, B2, 100, 50, 0",
            "250, B2, 50, 0, 0",
            "350, B2, 0, 0, 50",
            "150, B1, 0, 150, 0",
            "150, , 0, 150, 0",
            "150, INV-UNKNOWN, 0, 150, 0",
            "50, B2, 100, 150, 0",
            "300, , 0, 0, 0",
    })
    void allocatesToTheNamedBillFirstThenOldestDueFirst(long amount, String reference, long b1, long b2,
                                                         long credit) {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 200)
                .pay("P1", "2026-02-20T10:00", amount, reference)
                .asOf("2026-02-28");
        assertThat(outstanding(p, "B1")).isEqualTo(b1);
        assertThat(outstanding(p, "B2")).isEqualTo(b2);
        assertThat(p.creditMinor()).isEqualTo(credit);
        assertThat(p.balanceMinor()).isEqualTo(b1 + b2 - credit);
    }

    @Test
    void allocatesOldestDueDateFirstEvenWhenTheBillWasIssuedLater() {
        AccountPosition p = history()
                .bill("LONG", "2026-01-01", "2026-03-31", 100)
                .bill("SHORT", "2026-01-05", "2026-01-20", 100)
                .pay("P1", "2026-01-10T09:00", 120)
                .asOf("2026-01-10");
        assertThat(allocationsOf(p, "P1")).containsExactlyInAnyOrderEntriesOf(Map.of("SHORT", 100L, "LONG", 20L));
    }

    @Test
    void partialPaymentLeavesTheRestOutstandingAndOverdue() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 10_000)
                .pay("P1", "2026-01-10T09:00", 3_333)
                .asOf("2026-01-20");
        assertThat(p.balanceMinor()).isEqualTo(6_667);
        assertThat(p.overdueMinor()).isEqualTo(6_667);
        assertThat(p.creditMinor()).isZero();
        assertThat(p.daysPastDue()).isEqualTo(5);
        assertThat(p.oldestOverdueDueDate()).isEqualTo(date("2026-01-15"));
        assertThat(p.allocations()).containsExactly(
                new Allocation(SourceKind.PAYMENT, 2, "P1", ItemKind.BILL, 1, "B1", 3_333));
    }

    @Test
    void exactPaymentClearsTheAccount() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 10_000)
                .pay("P1", "2026-01-15T23:59:59", 10_000)
                .asOf("2026-03-01");
        assertThat(p.balanceMinor()).isZero();
        assertThat(p.overdueMinor()).isZero();
        assertThat(p.creditMinor()).isZero();
        assertThat(p.daysPastDue()).isZero();
        assertThat(p.bucket()).isEqualTo(AgingBucket.CURRENT);
        assertThat(p.oldestOverdueDueDate()).isNull();
        assertThat(p.episodes()).isEmpty();
        assertThat(p.delinquent()).isFalse();
        assertThat(p.items()).containsExactly(
                new ItemPosition(ItemKind.BILL, 1, "B1", date("2026-01-15"), 10_000, 0));
    }

    @Test
    void overpaymentBecomesCreditUsedByABillIssuedLater() {
        History h = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-10T09:00", 250)
                .bill("B2", "2026-02-01", "2026-02-15", 200);
        AccountPosition before = h.asOf("2026-01-31");
        assertThat(before.creditMinor()).isEqualTo(150);
        assertThat(before.balanceMinor()).isEqualTo(-150);
        assertThat(before.overdueMinor()).isZero();
        assertThat(before.validUntil()).isEqualTo(date("2026-02-01"));

        AccountPosition after = h.asOf("2026-02-01");
        assertThat(after.creditMinor()).isZero();
        assertThat(after.balanceMinor()).isEqualTo(50);
        assertThat(allocationsOf(after, "P1")).containsExactlyInAnyOrderEntriesOf(Map.of("B1", 100L, "B2", 150L));
        assertThat(outstanding(after, "B2")).isEqualTo(50);
    }

    @Test
    void paymentBeforeAnyBillIsCreditUntilTheFirstBill() {
        AccountPosition p = history()
                .pay("P1", "2026-01-01T09:00", 80)
                .bill("B1", "2026-01-05", "2026-01-20", 100)
                .asOf("2026-01-25");
        assertThat(p.creditMinor()).isZero();
        assertThat(p.balanceMinor()).isEqualTo(20);
        assertThat(p.overdueMinor()).isEqualTo(20);
        assertThat(p.daysPastDue()).isEqualTo(5);
    }

    // ---- days past due and buckets ----

    @ParameterizedTest(name = "{0} days after the due date: dpd {1}, {2}")
    @CsvSource({
            "-1, 0, CURRENT", "0, 0, CURRENT", "1, 1, 1-30", "30, 30, 1-30", "31, 31, 31-60", "60, 60, 31-60",
            "61, 61, 61-90", "90, 90, 61-90", "91, 91, 91-180", "180, 180, 91-180", "181, 181, 181+",
            "10000, 10000, 181+"})
    void countsDaysPastDueFromTheDayAfterTheDueDate(int daysAfterDue, int dpd, String bucket) {
        LocalDate due = date("2026-03-15");
        AccountPosition p = history().bill("B1", "2026-03-01", "2026-03-15", 500)
                .asOf(due.plusDays(daysAfterDue).toString());
        assertThat(p.daysPastDue()).isEqualTo(dpd);
        assertThat(p.bucket().label()).isEqualTo(bucket);
        assertThat(p.overdueMinor()).isEqualTo(dpd > 0 ? 500 : 0);
        assertThat(p.balanceMinor()).isEqualTo(500);
        assertThat(p.oldestOverdueDueDate()).isEqualTo(dpd > 0 ? due : null);
    }

    @Test
    void countsDaysPastDueFromTheOldestUnpaidDueDate() {
        History h = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 100)
                .pay("P1", "2026-02-20T09:00", 60);
        AccountPosition partly = h.asOf("2026-03-01");
        assertThat(partly.oldestOverdueDueDate()).isEqualTo(date("2026-01-15"));
        assertThat(partly.daysPastDue()).isEqualTo(45);
        assertThat(partly.bucket()).isEqualTo(AgingBucket.D31_60);
        assertThat(partly.overdueMinor()).isEqualTo(140);

        AccountPosition cleared = h.pay("P2", "2026-02-25T09:00", 40).asOf("2026-03-01");
        assertThat(cleared.oldestOverdueDueDate()).isEqualTo(date("2026-02-15"));
        assertThat(cleared.daysPastDue()).isEqualTo(14);
        assertThat(cleared.bucket()).isEqualTo(AgingBucket.D1_30);
        assertThat(cleared.overdueMinor()).isEqualTo(100);
    }

    @Test
    void billNotYetDueCountsInTheBalanceButNotInOverdue() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 200)
                .asOf("2026-02-10");
        assertThat(p.balanceMinor()).isEqualTo(300);
        assertThat(p.overdueMinor()).isEqualTo(100);
        assertThat(p.daysPastDue()).isEqualTo(26);
    }

    // ---- reversals ----

    @Test
    void reversalReopensWhatThePaymentPaidAndLeavesALaterPaymentInPlace() {
        History h = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 100)
                .pay("P1", "2026-01-10T09:00", 100, null, "2026-02-20T09:00")
                .pay("P2", "2026-02-10T09:00", 100);
        AccountPosition before = h.asOf("2026-02-19");
        assertThat(before.balanceMinor()).isZero();
        assertThat(allocationsOf(before, "P1")).containsExactlyEntriesOf(Map.of("B1", 100L));
        assertThat(before.validUntil()).isEqualTo(date("2026-02-20"));

        AccountPosition after = h.asOf("2026-02-25");
        assertThat(allocationsOf(after, "P1")).isEmpty();
        assertThat(allocationsOf(after, "P2")).containsExactlyEntriesOf(Map.of("B2", 100L));
        assertThat(outstanding(after, "B1")).isEqualTo(100);
        assertThat(outstanding(after, "B2")).isZero();
        assertThat(after.balanceMinor()).isEqualTo(100);
        assertThat(after.overdueMinor()).isEqualTo(100);
        assertThat(after.oldestOverdueDueDate()).isEqualTo(date("2026-01-15"));
        assertThat(after.daysPastDue()).isEqualTo(41);
        assertThat(after.episodes()).containsExactly(new DelinquencyEpisode(date("2026-02-20"), null, 41));
    }

    @Test
    void reversalOfAPaymentWhoseCreditWentToALaterBillReopensThatBill() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-10T09:00", 250, null, "2026-02-20T09:00")
                .bill("B2", "2026-02-01", "2026-02-15", 200)
                .pay("P2", "2026-02-10T09:00", 50)
                .asOf("2026-02-21");
        assertThat(allocationsOf(p, "P1")).isEmpty();
        assertThat(allocationsOf(p, "P2")).containsExactlyEntriesOf(Map.of("B2", 50L));
        assertThat(outstanding(p, "B1")).isEqualTo(100);
        assertThat(outstanding(p, "B2")).isEqualTo(150);
        assertThat(p.balanceMinor()).isEqualTo(250);
        assertThat(p.creditMinor()).isZero();
    }

    @Test
    void reversalOfAnOverpaymentTakesBackItsUnusedCredit() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-10T09:00", 250, null, "2026-01-12T09:00")
                .asOf("2026-01-13");
        assertThat(p.creditMinor()).isZero();
        assertThat(p.balanceMinor()).isEqualTo(100);
        assertThat(p.allocations()).isEmpty();
    }

    @Test
    void reopenedItemIsPaidFromCreditThatIsStillUnused() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-10T09:00", 100, null, "2026-01-20T09:00")
                .pay("P2", "2026-01-11T09:00", 70)
                .asOf("2026-01-21");
        assertThat(allocationsOf(p, "P2")).containsExactlyEntriesOf(Map.of("B1", 70L));
        assertThat(p.creditMinor()).isZero();
        assertThat(p.balanceMinor()).isEqualTo(30);
    }

    @Test
    void reversalDatedBeforeThePaymentTakesEffectWithThePayment() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-10T09:00", 100, null, "2026-01-09T09:00")
                .asOf("2026-01-10");
        assertThat(p.balanceMinor()).isEqualTo(100);
        assertThat(p.allocations()).isEmpty();
    }

    // ---- adjustments ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CREDIT_NOTE", "WAIVER"})
    void creditNoteOrWaiverOnABillReducesThatBill(AdjustmentType type) {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 200)
                .adjust("A1", type, "B2", 50, "2026-02-05", null)
                .asOf("2026-02-05");
        assertThat(outstanding(p, "B1")).isEqualTo(100);
        assertThat(outstanding(p, "B2")).isEqualTo(150);
        assertThat(p.allocations()).containsExactly(
                new Allocation(SourceKind.ADJUSTMENT, 3, "A1", ItemKind.BILL, 2, "B2", 50));
        assertThat(p.balanceMinor()).isEqualTo(250);
    }

    @Test
    void creditNoteWithoutABillReducesTheOldestDueItemAndKeepsTheRestAsCredit() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .adjust("A1", AdjustmentType.CREDIT_NOTE, null, 130, "2026-01-05", null)
                .asOf("2026-01-05");
        assertThat(outstanding(p, "B1")).isZero();
        assertThat(p.creditMinor()).isEqualTo(30);
        assertThat(p.balanceMinor()).isEqualTo(-30);
    }

    @Test
    void debitNoteOnABillIncreasesThatBill() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 200)
                .adjust("A1", AdjustmentType.DEBIT_NOTE, "B1", 30, "2026-02-05", null)
                .asOf("2026-02-05");
        assertThat(p.items()).containsExactly(
                new ItemPosition(ItemKind.BILL, 1, "B1", date("2026-01-15"), 130, 130),
                new ItemPosition(ItemKind.BILL, 2, "B2", date("2026-02-15"), 200, 200));
        assertThat(p.overdueMinor()).isEqualTo(130);
        assertThat(p.balanceMinor()).isEqualTo(330);
    }

    @Test
    void debitNoteOnAPaidBillIsPaidFromCredit() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-10T09:00", 120)
                .adjust("A1", AdjustmentType.DEBIT_NOTE, "B1", 30, "2026-01-12", null)
                .asOf("2026-01-20");
        assertThat(outstanding(p, "B1")).isEqualTo(10);
        assertThat(p.creditMinor()).isZero();
        assertThat(p.overdueMinor()).isEqualTo(10);
        assertThat(allocationsOf(p, "P1")).containsExactlyEntriesOf(Map.of("B1", 120L));
    }

    @ParameterizedTest(name = "due {0}: as of {1} dpd {2}")
    @CsvSource({
            "2026-02-10, 2026-02-10, 0",
            "2026-02-10, 2026-02-11, 1",
            ", 2026-02-05, 0",
            ", 2026-02-06, 1",
            ", 2026-02-16, 11",
    })
    void debitNoteWithoutABillIsAnItemDueOnItsDueDateOrEffectiveDate(String due, String asOf, int dpd) {
        AccountPosition p = history()
                .adjust("FEE", AdjustmentType.DEBIT_NOTE, null, 25, "2026-02-05", due)
                .asOf(asOf);
        LocalDate dueDate = date(due == null ? "2026-02-05" : due);
        assertThat(p.items()).containsExactly(new ItemPosition(ItemKind.DEBIT_NOTE, 1, "FEE", dueDate, 25, 25));
        assertThat(p.daysPastDue()).isEqualTo(dpd);
        assertThat(p.overdueMinor()).isEqualTo(dpd > 0 ? 25 : 0);
        assertThat(p.balanceMinor()).isEqualTo(25);
    }

    @Test
    void paymentNamingABillThatIsADebitNoteRefIsNotTreatedAsABill() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .adjust("FEE", AdjustmentType.DEBIT_NOTE, null, 25, "2026-01-20", "2026-02-20")
                .pay("P1", "2026-01-21T09:00", 25, "FEE")
                .asOf("2026-01-21");
        assertThat(outstanding(p, "B1")).isEqualTo(75);
        assertThat(outstanding(p, "FEE")).isEqualTo(25);
    }

    // ---- dates and zones ----

    @Test
    void billsIssuedAfterAsOfAreLeftOut() {
        History h = history().bill("B1", "2026-03-01", "2026-03-31", 100);
        AccountPosition before = h.asOf("2026-02-28");
        assertThat(before.items()).isEmpty();
        assertThat(before.balanceMinor()).isZero();
        assertThat(before.validUntil()).isEqualTo(date("2026-03-01"));
        assertThat(h.asOf("2026-03-01").balanceMinor()).isEqualTo(100);
    }

    @ParameterizedTest(name = "paid at {0}, zone {1}, as of {2}: outstanding {3}")
    @CsvSource({
            // 20:00 UTC on 31 March is 04:00 on 1 April in Shanghai and 16:00 on 31 March in New York
            "2026-03-31T20:00:00Z, Asia/Shanghai, 2026-03-31, 100",
            "2026-03-31T20:00:00Z, Asia/Shanghai, 2026-04-01, 0",
            "2026-03-31T20:00:00Z, America/New_York, 2026-03-31, 0",
            // 02:00 UTC on 1 April is 10:00 on 1 April in Shanghai and 22:00 on 31 March in New York
            "2026-04-01T02:00:00Z, Asia/Shanghai, 2026-03-31, 100",
            "2026-04-01T02:00:00Z, America/New_York, 2026-03-31, 0",
            // 15:59:59 UTC is 23:59:59 in Shanghai, the last second of the day
            "2026-03-31T15:59:59Z, Asia/Shanghai, 2026-03-31, 0",
            "2026-03-31T16:00:00Z, Asia/Shanghai, 2026-03-31, 100",
            "2026-04-01T03:59:59Z, America/New_York, 2026-03-31, 0",
            "2026-04-01T04:00:00Z, America/New_York, 2026-03-31, 100",
    })
    void seesPaymentsOnTheirLocalDateInTheAccountZone(String receivedAt, String zone, String asOf,
                                                      long outstanding) {
        AccountPosition p = new History(ZoneId.of(zone))
                .bill("B1", "2026-03-01", "2026-03-31", 100)
                .payAt("P1", Instant.parse(receivedAt), 100)
                .asOf(asOf);
        assertThat(p.balanceMinor()).isEqualTo(outstanding);
        assertThat(p.allocations()).hasSize(outstanding == 0 ? 1 : 0);
    }

    @Test
    void paymentAfterAsOfInTheAccountZoneIsPendingAndMakesTheNextDayDifferent() {
        AccountPosition p = new History(SHANGHAI)
                .bill("B1", "2026-03-01", "2026-03-20", 100)
                .payAt("P1", Instant.parse("2026-03-31T20:00:00Z"), 100)
                .asOf("2026-03-31");
        assertThat(p.overdueMinor()).isEqualTo(100);
        assertThat(p.daysPastDue()).isEqualTo(11);
        assertThat(p.validUntil()).isEqualTo(date("2026-04-01"));
    }

    @Test
    void billIsIssuedAtTheStartOfItsIssueDateInTheAccountZone() {
        // 17:00 UTC on 28 February is already 1 March in Shanghai but still 28 February in New York
        Instant at = Instant.parse("2026-02-28T17:00:00Z");
        AccountPosition shanghai = new History(SHANGHAI).bill("B1", "2026-03-01", "2026-03-31", 100)
                .payAt("P1", at, 100).asOf("2026-02-28");
        assertThat(shanghai.creditMinor()).isZero();
        assertThat(shanghai.balanceMinor()).isZero();
        assertThat(shanghai.validUntil()).isEqualTo(date("2026-03-01"));
        AccountPosition newYork = new History(NEW_YORK).bill("B1", "2026-03-01", "2026-03-31", 100)
                .payAt("P1", at, 100).asOf("2026-02-28");
        assertThat(newYork.creditMinor()).isEqualTo(100);
        assertThat(newYork.balanceMinor()).isEqualTo(-100);
    }

    // ---- delinquency episodes ----

    @Test
    void episodeStartsTheDayAfterAMissedDueDateAndEndsWhenOverdueReturnsToZero() {
        History h = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-02-10T09:00", 100);
        assertThat(h.asOf("2026-01-15").episodes()).isEmpty();
        assertThat(h.asOf("2026-01-16").episodes()).containsExactly(
                new DelinquencyEpisode(date("2026-01-16"), null, 1));
        assertThat(h.asOf("2026-02-09").episodes()).containsExactly(
                new DelinquencyEpisode(date("2026-01-16"), null, 25));
        assertThat(h.asOf("2026-02-10").episodes()).containsExactly(
                new DelinquencyEpisode(date("2026-01-16"), date("2026-02-10"), 26));
        assertThat(h.asOf("2026-06-30").episodes()).containsExactly(
                new DelinquencyEpisode(date("2026-01-16"), date("2026-02-10"), 26));
    }

    @Test
    void paymentOnTheDueDateOpensNoEpisode() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-15T23:00", 100)
                .asOf("2026-03-01");
        assertThat(p.episodes()).isEmpty();
    }

    @Test
    void partialPaymentDoesNotEndAnEpisode() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-20T09:00", 99)
                .asOf("2026-02-01");
        assertThat(p.episodes()).containsExactly(new DelinquencyEpisode(date("2026-01-16"), null, 17));
    }

    @Test
    void countsSeparateEpisodesAndKeepsTheLastOneOpen() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-02-10T09:00", 100)
                .bill("B2", "2026-03-01", "2026-03-15", 100)
                .pay("P2", "2026-03-20T09:00", 100)
                .bill("B3", "2026-04-01", "2026-04-15", 100)
                .asOf("2026-05-01");
        assertThat(p.episodes()).containsExactly(
                new DelinquencyEpisode(date("2026-01-16"), date("2026-02-10"), 26),
                new DelinquencyEpisode(date("2026-03-16"), date("2026-03-20"), 5),
                new DelinquencyEpisode(date("2026-04-16"), null, 16));
        assertThat(p.daysPastDue()).isEqualTo(16);
    }

    @Test
    void maxDaysPastDueKeepsTheWorstPointOfAnEpisode() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 100)
                .pay("P1", "2026-03-01T09:00", 100)
                .pay("P2", "2026-03-10T09:00", 100)
                .asOf("2026-04-01");
        assertThat(p.episodes()).containsExactly(
                new DelinquencyEpisode(date("2026-01-16"), date("2026-03-10"), 45));
    }

    @Test
    void episodeThatEndsAndRestartsOnOneDayIsOneEpisode() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-16T10:00", 100, null, "2026-01-16T15:00")
                .asOf("2026-01-20");
        assertThat(p.episodes()).containsExactly(new DelinquencyEpisode(date("2026-01-16"), null, 5));
    }

    @Test
    void episodeEndedByACreditNoteEndsOnItsEffectiveDate() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .adjust("W1", AdjustmentType.WAIVER, "B1", 100, "2026-01-25", null)
                .asOf("2026-02-01");
        assertThat(p.episodes()).containsExactly(
                new DelinquencyEpisode(date("2026-01-16"), date("2026-01-25"), 10));
    }

    // ---- oldest open due date ----

    @ParameterizedTest(name = "as of {0}: oldest open due {1}, oldest overdue due {2}")
    @CsvSource({
            "2025-12-31, ,           ",             // nothing issued yet
            "2026-01-10, 2026-01-15, ",             // B1 open, not yet due
            "2026-01-20, 2026-01-15, 2026-01-15",   // B1 overdue
            "2026-02-10, 2026-02-15, ",             // P1 paid B1; B2 open, not yet due
            "2026-02-20, 2026-02-15, 2026-02-15",   // B2 overdue
            "2026-03-05, 2026-01-15, 2026-01-15",   // P1 reversed: B1 open again
            "2026-03-10, ,           ",             // P2 paid both
            "2026-03-20, 2026-04-05, ",             // a debit note of its own, not yet due
            "2026-04-06, 2026-04-05, 2026-04-05",   // the debit note overdue
    })
    void oldestOpenDueDateIsTheOldestItemStillOpenOverdueOrNot(String asOf, String open, String overdue) {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 100)
                .pay("P1", "2026-02-10T09:00", 100, null, "2026-03-05T09:00")
                .pay("P2", "2026-03-10T09:00", 200)
                .adjust("D1", AdjustmentType.DEBIT_NOTE, null, 30, "2026-03-20", "2026-04-05")
                .asOf(asOf);
        assertThat(p.oldestOpenDueDate()).isEqualTo(open == null ? null : date(open));
        assertThat(p.oldestOverdueDueDate()).isEqualTo(overdue == null ? null : date(overdue));
    }

    @Test
    void zeroBillIsNeverOpen() {
        AccountPosition p = history()
                .bill("B0", "2026-01-01", "2026-01-05", 0)
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .asOf("2026-01-10");
        assertThat(p.oldestOpenDueDate()).isEqualTo(date("2026-01-15"));
    }

    // ---- validUntil ----

    @ParameterizedTest(name = "as of {0}: valid until {1}")
    @CsvSource({
            "2026-01-10, 2026-01-16",   // B1 falls due
            "2026-01-15, 2026-01-16",   // on the due date itself
            "2026-01-16, 2026-02-01",   // B2 is issued
            "2026-02-01, 2026-02-16",   // B2 falls due
            "2026-02-16, 2026-03-05",   // the payment arrives
            "2026-03-05, 2026-03-20",   // the payment is reversed
            "2026-03-20, ",             // nothing pending: overdue items only age
    })
    void validUntilIsTheNextDateOnWhichTheFiguresChange(String asOf, String validUntil) {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .bill("B2", "2026-02-01", "2026-02-15", 100)
                .pay("P1", "2026-03-05T09:00", 50, null, "2026-03-20T09:00")
                .asOf(asOf);
        assertThat(p.validUntil()).isEqualTo(validUntil == null ? null : date(validUntil));
    }

    @Test
    void validUntilIsNullWhenEverythingIsPaid() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .pay("P1", "2026-01-10T09:00", 100)
                .asOf("2026-01-10");
        assertThat(p.validUntil()).isNull();
    }

    @Test
    void validUntilIsTheEffectiveDateOfAFutureAdjustment() {
        AccountPosition p = history()
                .bill("B1", "2026-01-01", "2026-01-15", 100)
                .adjust("A1", AdjustmentType.DEBIT_NOTE, null, 10, "2026-02-01", "2026-02-10")
                .asOf("2026-01-20");
        assertThat(p.validUntil()).isEqualTo(date("2026-02-01"));
    }

    // ---- properties ----

    @Test
    void randomHistoriesKeepEveryInvariant() {
        long seed = Long.getLong("positions.seed", 20261123L);
        Random seeds = new Random(seed);
        for (int run = 0; run < 2_000; run++) {
            long historySeed = seeds.nextLong();
            Random random = new Random(historySeed);
            AccountHistory history = randomHistory(random);
            LocalDate asOf = BASE.plusDays(random.nextInt(380) - 10);
            String label = "history seed " + historySeed + " (run " + run + " of seed " + seed + "), as of " + asOf;
            try {
                AccountPosition position = Positions.asOf(history, asOf);
                assertInvariants(history, position, label);
                assertStableUntilValidUntil(history, position, random, label);
                if (run % 10 == 0) {
                    assertEpisodesMatchDailyPositions(history, position, label);
                }
            } catch (AssertionError | RuntimeException e) {
                System.err.println("FAILED " + label + "\n" + history);
                throw e instanceof AssertionError ae ? ae : new AssertionError(label, e);
            }
        }
    }

    private static final LocalDate BASE = LocalDate.of(2026, 1, 1);
    private static final List<ZoneId> ZONES = List.of(SHANGHAI, NEW_YORK, ZoneId.of("Europe/London"),
            ZoneId.of("Asia/Taipei"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Pago_Pago"));

    private static AccountHistory randomHistory(Random random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        long id = 1;
        List<BillFact> bills = new ArrayList<>();
        int billCount = random.nextInt(7);
        for (int i = 0; i < billCount; i++) {
            LocalDate issue = BASE.plusDays(random.nextInt(300));
            // now and then a due date before the issue date, as legacy data may have: overdue from the start
            LocalDate due = issue.plusDays(random.nextInt(20) == 0 ? -random.nextInt(5) - 1
                    : random.nextInt(4) == 0 ? 0 : random.nextInt(40));
            long total = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(50_000);
            bills.add(new BillFact(id++, "B" + i, issue, due, total));
        }
        List<PaymentFact> payments = new ArrayList<>();
        int paymentCount = random.nextInt(9);
        long start = BASE.atStartOfDay(zone).toEpochSecond();
        for (int i = 0; i < paymentCount; i++) {
            Instant received = Instant.ofEpochSecond(start + random.nextLong(330L * 86_400));
            if (random.nextInt(5) == 0) {
                // exactly midnight in the account zone, to meet bills and due checks at the same instant
                received = received.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            }
            long amount = 1 + random.nextInt(random.nextBoolean() ? 60_000 : 500);
            String reference = switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> billCount == 0 ? null : "B" + random.nextInt(billCount);
                case 4 -> "unknown-ref";
                case 5 -> "A" + random.nextInt(3);
                default -> null;
            };
            Instant reversed = null;
            if (random.nextInt(5) == 0) {
                reversed = received.plusSeconds(random.nextLong(60L * 86_400) - (random.nextInt(10) == 0 ? 86_400 : 0));
            }
            payments.add(new PaymentFact(id++, "P" + i, received, amount, reference, reversed));
        }
        List<AdjustmentFact> adjustments = new ArrayList<>();
        int adjustmentCount = random.nextInt(5);
        AdjustmentType[] types = AdjustmentType.values();
        for (int i = 0; i < adjustmentCount; i++) {
            AdjustmentType type = types[random.nextInt(types.length)];
            String billRef = billCount > 0 && random.nextBoolean() ? "B" + random.nextInt(billCount) : null;
            LocalDate effective = BASE.plusDays(random.nextInt(330));
            LocalDate due = random.nextBoolean() ? null : effective.plusDays(random.nextInt(30) - 2);
            adjustments.add(new AdjustmentFact(id++, "A" + i, type, billRef, 1 + random.nextInt(20_000), effective,
                    due));
        }
        return new AccountHistory(CNY, zone, bills, payments, adjustments);
    }

    private static void assertInvariants(AccountHistory history, AccountPosition p, String label) {
        LocalDate asOf = p.asOf();
        ZoneId zone = history.zone();
        long outstanding = 0;
        long overdue = 0;
        LocalDate oldest = null;
        LocalDate oldestOpen = null;
        boolean open = false;
        Map<String, Long> allocatedToItem = new HashMap<>();
        Map<String, Long> allocatedFromSource = new HashMap<>();
        long allocated = 0;
        for (Allocation a : p.allocations()) {
            assertThat(a.amountMinor()).as(label + ": allocation amount %s", a).isPositive();
            allocatedToItem.merge(a.itemKind() + "/" + a.itemId(), a.amountMinor(), Long::sum);
            allocatedFromSource.merge(a.source() + "/" + a.sourceId(), a.amountMinor(), Long::sum);
            allocated += a.amountMinor();
        }
        for (ItemPosition item : p.items()) {
            assertThat(item.outstandingMinor()).as(label + ": outstanding of %s", item).isBetween(0L, item.chargedMinor());
            assertThat(item.chargedMinor() - item.outstandingMinor()).as(label + ": paid part of %s", item)
                    .isEqualTo(allocatedToItem.getOrDefault(item.kind() + "/" + item.id(), 0L));
            outstanding += item.outstandingMinor();
            if (item.outstandingMinor() > 0) {
                open = true;
                oldestOpen = oldestOpen == null || item.dueDate().isBefore(oldestOpen) ? item.dueDate() : oldestOpen;
                if (item.dueDate().isBefore(asOf)) {
                    overdue += item.outstandingMinor();
                    oldest = oldest == null || item.dueDate().isBefore(oldest) ? item.dueDate() : oldest;
                }
            }
        }
        assertThat(p.creditMinor()).as(label + ": credit").isNotNegative();
        assertThat(p.balanceMinor()).as(label + ": balance").isEqualTo(outstanding - p.creditMinor());
        if (open) {
            assertThat(p.creditMinor()).as(label + ": credit while an item is open").isZero();
        }
        assertThat(p.overdueMinor()).as(label + ": overdue").isEqualTo(overdue)
                .isBetween(0L, Math.max(p.balanceMinor(), 0));
        assertThat(p.oldestOverdueDueDate()).as(label + ": oldest overdue due date").isEqualTo(oldest);
        assertThat(p.oldestOpenDueDate()).as(label + ": oldest open due date").isEqualTo(oldestOpen);
        if (oldest != null) {
            assertThat(p.oldestOpenDueDate()).as(label + ": oldest open is the oldest overdue").isEqualTo(oldest);
        }
        assertThat(p.oldestOpenDueDate() != null).as(label + ": something open iff a positive balance")
                .isEqualTo(p.balanceMinor() > 0);
        assertThat(p.daysPastDue()).as(label + ": days past due").isNotNegative()
                .isEqualTo(oldest == null ? 0 : (int) ChronoUnit.DAYS.between(oldest, asOf));
        assertThat(p.bucket()).as(label + ": bucket").isEqualTo(AgingBucket.of(p.daysPastDue()));

        // every charge and every credit is accounted for
        long charged = 0;
        long credited = 0;
        for (BillFact bill : history.bills()) {
            if (!bill.issueDate().isAfter(asOf)) {
                charged += bill.totalMinor();
            }
        }
        for (AdjustmentFact adjustment : history.adjustments()) {
            boolean effective = !adjustment.effectiveDate().isAfter(asOf);
            assertThat(allocatedFromSource.getOrDefault("ADJUSTMENT/" + adjustment.id(), 0L))
                    .as(label + ": allocated from %s", adjustment).isBetween(0L, effective ? adjustment.amountMinor() : 0);
            if (effective) {
                if (adjustment.type().reduces()) {
                    credited += adjustment.amountMinor();
                } else {
                    charged += adjustment.amountMinor();
                }
            }
        }
        for (PaymentFact payment : history.payments()) {
            boolean received = !payment.receivedAt().atZone(zone).toLocalDate().isAfter(asOf);
            boolean reversed = received && payment.reversedAt() != null
                    && !payment.reversedAt().atZone(zone).toLocalDate().isAfter(asOf);
            long fromPayment = allocatedFromSource.getOrDefault("PAYMENT/" + payment.id(), 0L);
            if (!received || reversed) {
                assertThat(fromPayment).as(label + ": allocated from %s", payment).isZero();
            } else {
                assertThat(fromPayment).as(label + ": allocated from %s", payment)
                        .isBetween(0L, payment.amountMinor());
                credited += payment.amountMinor();
            }
        }
        long totalCharged = p.items().stream().mapToLong(ItemPosition::chargedMinor).sum();
        assertThat(totalCharged).as(label + ": charged").isEqualTo(charged);
        assertThat(allocated + p.creditMinor()).as(label + ": credits given").isEqualTo(credited);
        assertThat(p.balanceMinor()).as(label + ": balance from facts").isEqualTo(charged - credited);

        // episodes are in order, do not overlap, and only the last may be open
        List<DelinquencyEpisode> episodes = p.episodes();
        for (int i = 0; i < episodes.size(); i++) {
            DelinquencyEpisode e = episodes.get(i);
            assertThat(e.startedOn()).as(label + ": episode %s", e).isBeforeOrEqualTo(asOf);
            assertThat(e.maxDaysPastDue()).as(label + ": episode %s", e).isPositive();
            if (e.endedOn() != null) {
                assertThat(e.endedOn()).as(label + ": episode %s", e).isAfterOrEqualTo(e.startedOn())
                        .isBeforeOrEqualTo(asOf);
            } else {
                assertThat(i).as(label + ": open episode %s is the last", e).isEqualTo(episodes.size() - 1);
            }
            if (i > 0) {
                assertThat(e.startedOn()).as(label + ": episode %s after %s", e, episodes.get(i - 1))
                        .isAfter(episodes.get(i - 1).endedOn());
            }
        }
        boolean ongoing = !episodes.isEmpty() && episodes.getLast().endedOn() == null;
        assertThat(ongoing).as(label + ": ongoing episode while delinquent").isEqualTo(p.delinquent());
        if (ongoing) {
            assertThat(episodes.getLast().maxDaysPastDue()).as(label + ": ongoing episode max")
                    .isGreaterThanOrEqualTo(p.daysPastDue());
        }
        if (p.validUntil() != null) {
            assertThat(p.validUntil()).as(label + ": valid until").isAfter(asOf);
        }
    }

    /** Checks that no figure changes before validUntil, and that the history up to asOf stays as it was. */
    private static void assertStableUntilValidUntil(AccountHistory history, AccountPosition p, Random random,
                                                    String label) {
        LocalDate limit = p.validUntil() == null ? p.asOf().plusDays(2_000) : p.validUntil();
        long span = ChronoUnit.DAYS.between(p.asOf(), limit);
        if (span > 1) {
            LocalDate later = p.asOf().plusDays(1 + random.nextLong(span - 1));
            AccountPosition q = Positions.asOf(history, later);
            String at = label + ", later " + later;
            assertThat(q.balanceMinor()).as(at + ": balance").isEqualTo(p.balanceMinor());
            assertThat(q.overdueMinor()).as(at + ": overdue").isEqualTo(p.overdueMinor());
            assertThat(q.creditMinor()).as(at + ": credit").isEqualTo(p.creditMinor());
            assertThat(q.oldestOverdueDueDate()).as(at + ": oldest").isEqualTo(p.oldestOverdueDueDate());
            assertThat(q.oldestOpenDueDate()).as(at + ": oldest open").isEqualTo(p.oldestOpenDueDate());
            assertThat(q.items()).as(at + ": items").isEqualTo(p.items());
            assertThat(q.allocations()).as(at + ": allocations").isEqualTo(p.allocations());
            assertThat(q.validUntil()).as(at + ": valid until").isEqualTo(p.validUntil());
        }
        AccountPosition far = Positions.asOf(history, p.asOf().plusDays(1 + random.nextInt(400)));
        List<DelinquencyEpisode> ended = p.episodes().stream().filter(e -> e.endedOn() != null).toList();
        if (!ended.isEmpty()) {
            assertThat(far.episodes()).as(label + ": ended episodes stay").startsWith(ended.toArray(DelinquencyEpisode[]::new));
        }
        if (far.episodes().size() > ended.size() && p.episodes().size() > ended.size()) {
            assertThat(far.episodes().get(ended.size()).startedOn()).as(label + ": open episode start")
                    .isEqualTo(p.episodes().getLast().startedOn());
        }
    }

    /**
     * Checks the episodes against the position at the end of every day: a day inside an episode ends delinquent,
     * a day outside does not, and the worst days past due of an episode is the worst end-of-day figure or one
     * more (a cure seen during the day, before the day ends).
     */
    private static void assertEpisodesMatchDailyPositions(AccountHistory history, AccountPosition p, String label) {
        List<DelinquencyEpisode> episodes = p.episodes();
        int[] worst = new int[episodes.size()];
        for (LocalDate d = BASE.minusDays(11); !d.isAfter(p.asOf()); d = d.plusDays(1)) {
            AccountPosition day = Positions.asOf(history, d);
            int inside = -1;
            for (int i = 0; i < episodes.size(); i++) {
                DelinquencyEpisode e = episodes.get(i);
                LocalDate end = e.endedOn() == null ? p.asOf().plusDays(1) : e.endedOn();
                if (!d.isBefore(e.startedOn()) && d.isBefore(end)) {
                    inside = i;
                }
            }
            assertThat(day.delinquent()).as(label + ": delinquent at the end of " + d).isEqualTo(inside >= 0);
            if (inside >= 0) {
                worst[inside] = Math.max(worst[inside], day.daysPastDue());
            }
        }
        for (int i = 0; i < episodes.size(); i++) {
            assertThat(episodes.get(i).maxDaysPastDue()).as(label + ": worst of " + episodes.get(i))
                    .isBetween(worst[i], worst[i] + 1);
        }
    }

    @Test
    void emptyHistoryIsAZeroPosition() {
        AccountPosition p = Positions.asOf(new AccountHistory(CNY, SHANGHAI, List.of(), List.of(), List.of()),
                date("2026-01-01"));
        assertThat(p.balanceMinor()).isZero();
        assertThat(p.bucket()).isEqualTo(AgingBucket.CURRENT);
        assertThat(p.items()).isEmpty();
        assertThat(p.episodes()).isEmpty();
        assertThat(p.validUntil()).isNull();
        assertThat(p.oldestOpenDueDate()).isNull();
    }

    @Test
    void failsLoudlyWhenTheInvariantCheckIsWrong() {
        AccountPosition p = history().bill("B1", "2026-01-01", "2026-01-15", 100).asOf("2026-01-20");
        AccountPosition broken = new AccountPosition(p.asOf(), p.balanceMinor(), 0, p.creditMinor(),
                p.oldestOverdueDueDate(), p.oldestOpenDueDate(), p.daysPastDue(), p.bucket(), p.items(),
                p.allocations(), p.episodes(), p.validUntil());
        try {
            assertInvariants(history().bill("B1", "2026-01-01", "2026-01-15", 100).build(), broken, "broken");
        } catch (AssertionError expected) {
            return;
        }
        fail("a position with the wrong overdue amount passed the invariant check");
    }
}
