package dev.arrears.ledger.domain;

import dev.arrears.ledger.domain.AccountHistory.AdjustmentFact;
import dev.arrears.ledger.domain.AccountHistory.BillFact;
import dev.arrears.ledger.domain.AccountHistory.PaymentFact;
import dev.arrears.ledger.domain.AccountPosition.Allocation;
import dev.arrears.ledger.domain.AccountPosition.DelinquencyEpisode;
import dev.arrears.ledger.domain.AccountPosition.ItemKind;
import dev.arrears.ledger.domain.AccountPosition.ItemPosition;
import dev.arrears.ledger.domain.AccountPosition.SourceKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays an account's history in time order and returns its position at the end of a local date.
 *
 * <p>Allocation rules: a payment that names a bill in its reference goes to that bill first; what is left goes
 * to the open item with the oldest due date first; what is still left is credit, applied to items issued later.
 * Credit notes and waivers allocate like payments; debit notes add to a bill or open an item of their own.
 * A reversal takes back exactly what the reversed payment had paid and re-opens it.
 *
 * <p>Dates: bills and adjustments take effect at the start of their local date, payments at their instant seen
 * in the account's zone. An item is overdue from the day after its due date. A delinquency episode starts on the
 * first date with something overdue and ends on the date nothing is overdue any more; a cure undone the same day
 * (a payment reversed on the day it arrived) does not split the episode.
 */
public final class Positions {

    private Positions() {
    }

    /** Returns the position of the account at the end of {@code asOf}, a date in the account's zone. */
    public static AccountPosition asOf(AccountHistory history, LocalDate asOf) {
        return new Replay(history, asOf).run();
    }

    private enum Phase { DUE_CHECK, BILL, ADJUSTMENT, PAYMENT, REVERSAL }

    private record Event(Instant at, LocalDate date, Phase phase, long seq, Object fact) {
    }

    private static final class Item {
        final ItemKind kind;
        final long id;
        final String ref;
        final LocalDate dueDate;
        final long seq;
        long charged;
        long outstanding;

        Item(ItemKind kind, long id, String ref, LocalDate dueDate, long seq, long amount) {
            this.kind = kind;
            this.id = id;
            this.ref = ref;
            this.dueDate = dueDate;
            this.seq = seq;
            this.charged = amount;
            this.outstanding = amount;
        }
    }

    private static final class Credit {
        final SourceKind kind;
        final long id;
        final String ref;
        long remaining;

        Credit(SourceKind kind, long id, String ref, long remaining) {
            this.kind = kind;
            this.id = id;
            this.ref = ref;
            this.remaining = remaining;
        }
    }

    private record AllocationKey(SourceKind source, long sourceId, ItemKind itemKind, long itemId) {
    }

    private static final Comparator<Item> OLDEST_DUE_FIRST =
            Comparator.comparing((Item i) -> i.dueDate).thenComparingLong(i -> i.seq);

    private static final class Replay {
        private final AccountHistory history;
        private final ZoneId zone;
        private final LocalDate asOf;
        private final List<Item> items = new ArrayList<>();
        private final List<Credit> credits = new ArrayList<>();
        private final Map<AllocationKey, Long> allocations = new LinkedHashMap<>();
        private final Map<AllocationKey, String[]> allocationRefs = new LinkedHashMap<>();
        private final Map<Long, Credit> paymentCredits = new LinkedHashMap<>();
        private final List<DelinquencyEpisode> episodes = new ArrayList<>();
        private LocalDate episodeStart;
        private LocalDate episodeEnd;
        private long episodeMaxDpd;
        private long itemSeq;
        private LocalDate validUntil;

        Replay(AccountHistory history, LocalDate asOf) {
            this.history = history;
            this.zone = history.zone();
            this.asOf = Objects.requireNonNull(asOf, "asOf");
        }

        AccountPosition run() {
            List<Event> events = events();
            for (Event event : events) {
                closeEpisodeEndedBefore(event.date());
                trackMaxDpd(event.date());
                apply(event);
                trackEpisode(event.date());
            }
            closeEpisodeEndedBefore(asOf);
            trackMaxDpd(asOf);
            trackEpisode(asOf);
            if (episodeStart != null) {
                closeEpisode();
            }
            return position();
        }

        private List<Event> events() {
            List<Event> events = new ArrayList<>();
            long seq = 0;
            for (BillFact bill : history.bills()) {
                seq++;
                add(events, bill.issueDate(), Phase.BILL, seq, bill);
                add(events, bill.dueDate().plusDays(1), Phase.DUE_CHECK, seq, bill);
            }
            for (AdjustmentFact adjustment : history.adjustments()) {
                seq++;
                add(events, adjustment.effectiveDate(), Phase.ADJUSTMENT, seq, adjustment);
                if (adjustment.type() == AccountHistory.AdjustmentType.DEBIT_NOTE) {
                    LocalDate due = adjustment.dueDate() != null ? adjustment.dueDate() : adjustment.effectiveDate();
                    add(events, due.plusDays(1), Phase.DUE_CHECK, seq, adjustment);
                }
            }
            for (PaymentFact payment : history.payments()) {
                seq++;
                add(events, payment.receivedAt(), Phase.PAYMENT, seq, payment);
                if (payment.reversedAt() != null) {
                    Instant at = payment.reversedAt().isBefore(payment.receivedAt())
                            ? payment.receivedAt() : payment.reversedAt();
                    add(events, at, Phase.REVERSAL, seq, payment);
                }
            }
            events.sort(Comparator.comparing(Event::at).thenComparing(Event::phase).thenComparingLong(Event::seq));
            return events;
        }

        private void add(List<Event> events, LocalDate date, Phase phase, long seq, Object fact) {
            add(events, date.atStartOfDay(zone).toInstant(), date, phase, seq, fact);
        }

        private void add(List<Event> events, Instant at, Phase phase, long seq, Object fact) {
            add(events, at, at.atZone(zone).toLocalDate(), phase, seq, fact);
        }

        private void add(List<Event> events, Instant at, LocalDate date, Phase phase, long seq, Object fact) {
            if (date.isAfter(asOf)) {
                if (phase != Phase.DUE_CHECK) {
                    validUntil = earliest(validUntil, date);
                }
                return;
            }
            events.add(new Event(at, date, phase, seq, fact));
        }

        private void apply(Event event) {
            switch (event.phase()) {
                case DUE_CHECK -> { }
                case BILL -> {
                    BillFact bill = (BillFact) event.fact();
                    items.add(new Item(ItemKind.BILL, bill.id(), bill.ref(), bill.dueDate(), ++itemSeq,
                            bill.totalMinor()));
                    applyCredits();
                }
                case ADJUSTMENT -> adjust((AdjustmentFact) event.fact());
                case PAYMENT -> {
                    PaymentFact payment = (PaymentFact) event.fact();
                    Credit credit = new Credit(SourceKind.PAYMENT, payment.id(), payment.ref(), payment.amountMinor());
                    paymentCredits.put(payment.id(), credit);
                    credits.add(credit);
                    allocate(credit, billByRef(payment.reference()));
                }
                case REVERSAL -> reverse((PaymentFact) event.fact());
            }
        }

        private void adjust(AdjustmentFact adjustment) {
            Item bill = billByRef(adjustment.billRef());
            if (adjustment.type().reduces()) {
                Credit credit = new Credit(SourceKind.ADJUSTMENT, adjustment.id(), adjustment.ref(),
                        adjustment.amountMinor());
                credits.add(credit);
                allocate(credit, bill);
                return;
            }
            if (bill != null) {
                bill.charged += adjustment.amountMinor();
                bill.outstanding += adjustment.amountMinor();
            } else {
                LocalDate due = adjustment.dueDate() != null ? adjustment.dueDate() : adjustment.effectiveDate();
                items.add(new Item(ItemKind.DEBIT_NOTE, adjustment.id(), adjustment.ref(), due, ++itemSeq,
                        adjustment.amountMinor()));
            }
            applyCredits();
        }

        private void reverse(PaymentFact payment) {
            Credit credit = paymentCredits.get(payment.id());
            if (credit == null) {
                return;
            }
            var iterator = allocations.entrySet().iterator();
            while (iterator.hasNext()) {
                var entry = iterator.next();
                AllocationKey key = entry.getKey();
                if (key.source() == SourceKind.PAYMENT && key.sourceId() == payment.id()) {
                    Item item = item(key.itemKind(), key.itemId());
                    item.outstanding += entry.getValue();
                    allocationRefs.remove(key);
                    iterator.remove();
                }
            }
            credit.remaining = 0;
            credits.remove(credit);
            applyCredits();
        }

        private Item billByRef(String ref) {
            if (ref == null || ref.isBlank()) {
                return null;
            }
            for (Item item : items) {
                if (item.kind == ItemKind.BILL && ref.equals(item.ref)) {
                    return item;
                }
            }
            return null;
        }

        private Item item(ItemKind kind, long id) {
            for (Item item : items) {
                if (item.kind == kind && item.id == id) {
                    return item;
                }
            }
            throw new IllegalStateException("allocation to an unknown item " + kind + " " + id);
        }

        private void applyCredits() {
            for (Credit credit : credits) {
                if (credit.remaining > 0) {
                    allocate(credit, null);
                }
            }
        }

        private void allocate(Credit credit, Item preferred) {
            if (preferred != null) {
                allocateTo(credit, preferred);
            }
            if (credit.remaining == 0) {
                return;
            }
            List<Item> open = items.stream().filter(i -> i.outstanding > 0).sorted(OLDEST_DUE_FIRST).toList();
            for (Item item : open) {
                if (credit.remaining == 0) {
                    return;
                }
                allocateTo(credit, item);
            }
        }

        private void allocateTo(Credit credit, Item item) {
            long amount = Math.min(credit.remaining, item.outstanding);
            if (amount <= 0) {
                return;
            }
            credit.remaining -= amount;
            item.outstanding -= amount;
            AllocationKey key = new AllocationKey(credit.kind, credit.id, item.kind, item.id);
            allocations.merge(key, amount, Long::sum);
            allocationRefs.putIfAbsent(key, new String[] {credit.ref, item.ref});
        }

        private long overdue(LocalDate date) {
            long sum = 0;
            for (Item item : items) {
                if (item.outstanding > 0 && item.dueDate.isBefore(date)) {
                    sum += item.outstanding;
                }
            }
            return sum;
        }

        private LocalDate oldestOverdueDue(LocalDate date) {
            LocalDate oldest = null;
            for (Item item : items) {
                if (item.outstanding > 0 && item.dueDate.isBefore(date)) {
                    oldest = earliest(oldest, item.dueDate);
                }
            }
            return oldest;
        }

        private void trackMaxDpd(LocalDate date) {
            if (episodeStart != null) {
                LocalDate oldest = oldestOverdueDue(date);
                if (oldest != null) {
                    episodeMaxDpd = Math.max(episodeMaxDpd, ChronoUnit.DAYS.between(oldest, date));
                }
            }
        }

        /**
         * Starts or ends the episode after an event. An end waits for the day to pass: when the account falls
         * overdue again on the day it was cured (a payment reversed the same day), the episode goes on.
         */
        private void trackEpisode(LocalDate date) {
            boolean overdue = overdue(date) > 0;
            if (overdue && episodeStart == null) {
                episodeStart = date;
                episodeMaxDpd = ChronoUnit.DAYS.between(oldestOverdueDue(date), date);
            } else if (overdue) {
                episodeEnd = null;
            } else if (episodeStart != null && episodeEnd == null) {
                episodeEnd = date;
            }
        }

        private void closeEpisodeEndedBefore(LocalDate date) {
            if (episodeEnd != null && episodeEnd.isBefore(date)) {
                closeEpisode();
            }
        }

        private void closeEpisode() {
            episodes.add(new DelinquencyEpisode(episodeStart, episodeEnd, (int) episodeMaxDpd));
            episodeStart = null;
            episodeEnd = null;
            episodeMaxDpd = 0;
        }

        private AccountPosition position() {
            long open = 0;
            LocalDate oldestOpen = null;
            for (Item item : items) {
                open += item.outstanding;
                if (item.outstanding > 0) {
                    oldestOpen = earliest(oldestOpen, item.dueDate);
                    if (!item.dueDate.isBefore(asOf)) {
                        validUntil = earliest(validUntil, item.dueDate.plusDays(1));
                    }
                }
            }
            long credit = 0;
            for (Credit c : credits) {
                credit += c.remaining;
            }
            long overdue = overdue(asOf);
            LocalDate oldest = oldestOverdueDue(asOf);
            int dpd = oldest == null ? 0 : (int) ChronoUnit.DAYS.between(oldest, asOf);
            List<ItemPosition> itemPositions = items.stream()
                    .map(i -> new ItemPosition(i.kind, i.id, i.ref, i.dueDate, i.charged, i.outstanding))
                    .toList();
            List<Allocation> allocationList = new ArrayList<>();
            allocations.forEach((key, amount) -> {
                String[] refs = allocationRefs.get(key);
                allocationList.add(new Allocation(key.source(), key.sourceId(), refs[0], key.itemKind(),
                        key.itemId(), refs[1], amount));
            });
            return new AccountPosition(asOf, open - credit, overdue, credit, oldest, oldestOpen, dpd,
                    AgingBucket.of(dpd), itemPositions, List.copyOf(allocationList), List.copyOf(episodes),
                    validUntil);
        }

        private static LocalDate earliest(LocalDate a, LocalDate b) {
            if (a == null) {
                return b;
            }
            return b == null || a.isBefore(b) ? a : b;
        }
    }
}
