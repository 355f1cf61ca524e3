package dev.arrears.bank.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a direct debit run collects on a date, as a plain function of the active mandates, the bills still
 * owing on their accounts and what was instructed before. A bill is collected when it is due on or before the
 * collection date, still owes something, the mandate was signed by then, nothing is already on its way for it
 * (an instruction pending or collected), and it has not been presented {@code maxPresentations} times already (a
 * returned collection may be presented again, up to that count). The amount is what the bill still owes. The
 * first collection a mandate ever makes is FRST, every later one RCUR (one FRST per mandate even when a run
 * collects several of its bills).
 */
public final class DebitPlanner {

    private DebitPlanner() {
    }

    /** An active mandate: id, account, signature date, and whether it has collected (or tried to) before. */
    public record Mandate(long id, long accountId, LocalDate signedOn, boolean usedBefore) {
    }

    /** A bill still owing: id, reference, account, due date, currency and what it still owes. */
    public record OpenBill(long id, String externalRef, long accountId, LocalDate dueDate, String currency,
                           long outstandingMinor) {
    }

    /** What was instructed for a bill before: how many presentations, and whether one is on its way or done. */
    public record History(int presentations, boolean live) {
    }

    /** One collection to instruct. */
    public record Planned(long mandateId, long accountId, long billId, String billRef, long amountMinor,
                          String currency, String sequence) {
    }

    /** Returns the collections of a run on the date, by mandate then due date then bill id. */
    public static List<Planned> plan(LocalDate collectionDate, List<Mandate> mandates,
                                     Map<Long, List<OpenBill>> openBillsByAccount, Map<Long, History> historyByBill,
                                     int maxPresentations) {
        List<Planned> out = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (Mandate m : mandates.stream().sorted(Comparator.comparingLong(Mandate::id)).toList()) {
            if (m.signedOn().isAfter(collectionDate) || !seen.add(m.accountId())) {
                continue; // not yet signed, or a second active mandate of one account (the database forbids it)
            }
            boolean first = !m.usedBefore();
            List<OpenBill> bills = openBillsByAccount.getOrDefault(m.accountId(), List.of()).stream()
                    .sorted(Comparator.comparing(OpenBill::dueDate).thenComparingLong(OpenBill::id)).toList();
            for (OpenBill b : bills) {
                History h = historyByBill.getOrDefault(b.id(), new History(0, false));
                if (b.dueDate().isAfter(collectionDate) || b.outstandingMinor() <= 0 || h.live()
                        || h.presentations() >= maxPresentations) {
                    continue;
                }
                out.add(new Planned(m.id(), m.accountId(), b.id(), b.externalRef(), b.outstandingMinor(),
                        b.currency(), first ? "FRST" : "RCUR"));
                first = false;
            }
        }
        return out;
    }
}
