package dev.arrears.demo;

import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.PromiseView.PromiseChannel;
import dev.arrears.arrangement.Promises;
import dev.arrears.arrangement.Promises.TakePromise;
import dev.arrears.cycle.CaseViews.ActionFilter;
import dev.arrears.cycle.CaseViews.PlannedActionView;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;

import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.LoadReport;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays a generated portfolio's last twelve months day by day through the real cycle: each day the bills,
 * adjustments and payments of that day enter the ledger, the cycle runs for the day, and every customer contacted
 * that day responds as its {@link Archetype} tends to: pays within two days (the generated payment moves
 * earlier), promises to pay, disputes (the ladder pauses until the dispute is settled), or ignores it. A promise
 * is a real one, taken through {@link Promises#takeAt} on the day of the contact (through its channel, by
 * {@value #ACTOR}), so the arrangement module pauses the ladder and its cycle step marks it KEPT when the money
 * comes (the next payment moved to the promised day, the amount promised) or BROKEN once the date and the grace
 * days have passed (the amount overdue, not paid). Deterministic for a seed and date: one seeded {@link Random},
 * fixed iteration orders. At the end of each day but the last, that day's contact actions are marked SENT and
 * its other actions DONE, as simulated, until the channels exist that carry them out; today's stay PLANNED.
 */
public final class DemoReplay {

    /** What a replay did. */
    public record Result(LoadReport ledger, int days, long cases, long actions, int payNow, int promises,
                         int promisesKept, int promisesBroken, int disputes) {
    }

    /** Progress after each replayed day. */
    public record Progress(LocalDate day, int dayNumber, int days, long actions) {
    }

    private enum Response { PAY, PROMISE, DISPUTE, IGNORE }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoReplay.class);

    /** Who takes the replay's promises (the user name of a collector). */
    static final String ACTOR = "demo";

    /**
     * When in a replayed day promises are taken: after that day's ledger records, which {@link Ledger#loadOn}
     * stamps at noon UTC (so that only what is paid later counts towards them); never after now.
     */
    private static final LocalTime PROMISES_TAKEN_UTC = LocalTime.of(13, 0);

    private final Ledger ledger;
    private final Cycles cycles;
    private final Promises promises;
    private final Clock clock;

    public DemoReplay(Ledger ledger, Cycles cycles, Promises promises, Clock clock) {
        this.ledger = ledger;
        this.cycles = cycles;
        this.promises = promises;
        this.clock = clock;
    }

    /** A generated payment waiting for its day; {@code moved} when a response took it earlier. */
    private static final class Pending {
        final PostPayment payment;
        final String accountRef;
        LocalDate day;
        boolean moved;
        boolean done;

        Pending(PostPayment payment, LocalDate day) {
            this.payment = payment;
            this.accountRef = payment.accountRef();
            this.day = day;
        }
    }

    /** Replays the portfolio up to {@code asOf}; returns what was loaded and planned. */
    public Result replay(DemoPortfolio.Portfolio portfolio, LocalDate asOf, long seed, Consumer<Progress> progress) {
        return cycles.withoutEventEvaluation(() -> run(portfolio, asOf, seed, progress));
    }

    private Result run(DemoPortfolio.Portfolio portfolio, LocalDate asOf, long seed, Consumer<Progress> progress) {
        LedgerBatch all = portfolio.batch();
        Random random = new Random(seed * 31 + 7);
        Map<String, ZoneId> zoneOfCustomer = new HashMap<>();
        all.customers().forEach(c -> zoneOfCustomer.put(c.externalRef(), c.timeZone()));
        Map<String, ZoneId> zoneOfAccount = new HashMap<>();
        Map<String, Archetype> archetypeOfAccount = new HashMap<>();
        for (OpenAccount a : all.accounts()) {
            zoneOfAccount.put(a.externalRef(), zoneOfCustomer.get(a.customerRef()));
            archetypeOfAccount.put(a.externalRef(), portfolio.archetypes().get(a.customerRef()));
        }
        TreeMap<LocalDate, List<IssueBill>> bills = new TreeMap<>();
        all.bills().forEach(b -> bills.computeIfAbsent(b.issueDate(), d -> new ArrayList<>()).add(b));
        TreeMap<LocalDate, List<RecordAdjustment>> adjustments = new TreeMap<>();
        all.adjustments().forEach(a -> adjustments.computeIfAbsent(a.effectiveDate(), d -> new ArrayList<>()).add(a));
        TreeMap<LocalDate, List<Pending>> payments = new TreeMap<>();
        Map<String, List<Pending>> paymentsOfAccount = new HashMap<>();
        for (PostPayment p : all.payments()) {
            LocalDate day = p.receivedAt().atZone(zoneOfAccount.get(p.accountRef())).toLocalDate();
            Pending pending = new Pending(p, day);
            payments.computeIfAbsent(day, d -> new ArrayList<>()).add(pending);
            paymentsOfAccount.computeIfAbsent(p.accountRef(), r -> new ArrayList<>()).add(pending);
        }
        Map<String, LocalDate> creditNoteOfAccount = new HashMap<>();
        all.adjustments().forEach(a -> creditNoteOfAccount.merge(a.accountRef(), a.effectiveDate(),
                (x, y) -> x.isBefore(y) ? x : y));

        LocalDate start = first(bills, adjustments, payments, asOf);
        LoadReport opened = ledger.loadOn(new LedgerBatch(all.customers(), all.accounts(), List.of(), List.of(),
                List.of()), start);
        Map<Long, String> refOfAccount = new HashMap<>();
        ledger.accountIds(all.accounts().stream().map(OpenAccount::externalRef).toList())
                .forEach((ref, id) -> refOfAccount.put(id, ref));

        int days = (int) (asOf.toEpochDay() - start.toEpochDay()) + 1;
        int[] loaded = new int[5];
        int payNow = 0;
        List<Long> taken = new ArrayList<>();
        int disputes = 0;
        TreeMap<LocalDate, List<Long>> disputeEnds = new TreeMap<>();
        Set<Long> disputedOnce = new HashSet<>();
        long actions = 0;
        long[] nanos = new long[3]; // ledger loads, cycles, responses: logged at debug
        for (int n = 0; n < days; n++) {
            LocalDate day = start.plusDays(n);
            release(disputeEnds.remove(day), id -> cycles.markDispute(id, false, day));
            List<PostPayment> paid = new ArrayList<>();
            for (Pending p : payments.getOrDefault(day, List.of())) {
                if (!p.done && p.day.equals(day)) {
                    p.done = true;
                    paid.add(p.moved ? movedTo(p.payment, day, zoneOfAccount.get(p.accountRef)) : p.payment);
                }
            }
            long t0 = System.nanoTime();
            LoadReport r = ledger.loadOn(new LedgerBatch(List.of(), List.of(), bills.getOrDefault(day, List.of()),
                    paid, adjustments.getOrDefault(day, List.of())), day);
            loaded[2] += r.billsCreated();
            loaded[3] += r.paymentsCreated();
            loaded[4] += r.adjustmentsCreated();
            long t1 = System.nanoTime();
            var run = cycles.run(day, "demo", v -> { });
            long t2 = System.nanoTime();
            nanos[0] += t1 - t0;
            nanos[1] += t2 - t1;
            actions += run.actionsPlanned();
            if (run.actionsPlanned() > 0) {
                Map<Long, String> contacted = new TreeMap<>(); // account id → the channel of its first contact
                for (int page = 0; ; page++) {
                    var found = cycles.actions(new ActionFilter(day, null, null, null, "PLANNED", null, page, 500));
                    for (PlannedActionView a : found.items()) {
                        if (a.channel() != null && a.runId() != null && a.runId() == run.id()) {
                            contacted.putIfAbsent(a.accountId(), a.channel());
                        }
                    }
                    if ((long) (page + 1) * 500 >= found.total()) {
                        break;
                    }
                }
                Map<Long, CurrentState> states = null; // read once, when the day's first customer promises
                for (Map.Entry<Long, String> contact : contacted.entrySet()) {
                    long accountId = contact.getKey();
                    String ref = refOfAccount.get(accountId);
                    Archetype archetype = ref == null ? null : archetypeOfAccount.get(ref);
                    if (archetype == null) {
                        continue; // not a demo account
                    }
                    Response response = respond(archetype, random, disputedOnce.contains(accountId));
                    List<Pending> pending = paymentsOfAccount.getOrDefault(ref, List.of());
                    switch (response) {
                        case PAY -> {
                            if (move(pending, day.plusDays(1 + random.nextInt(2)), payments)) {
                                payNow++;
                            }
                        }
                        case PROMISE -> {
                            LocalDate promised = day.plusDays(3 + random.nextInt(5));
                            boolean keeps = random.nextInt(100) < keptPercent(archetype);
                            if (states == null) {
                                states = ledger.currentStates(contacted.keySet());
                            }
                            PromiseView p = promise(accountId, states.get(accountId), day, promised,
                                    keeps ? next(pending, promised) : null, contact.getValue());
                            if (p != null) {
                                taken.add(p.id());
                                if (keeps) {
                                    move(pending, promised, payments);
                                }
                            }
                        }
                        case DISPUTE -> {
                            if (cycles.markDispute(accountId, true, day)) {
                                disputes++;
                                disputedOnce.add(accountId);
                                LocalDate note = creditNoteOfAccount.get(ref);
                                LocalDate ends = note != null && note.isAfter(day) ? note : day.plusDays(20);
                                disputeEnds.computeIfAbsent(ends, d -> new ArrayList<>()).add(accountId);
                            }
                        }
                        case IGNORE -> { }
                    }
                }
            }
            // the day is over: what was planned for it went out (until the channels exist, by simulation)
            if (day.isBefore(asOf)) {
                cycles.settleSimulated(day.plusDays(1));
            }
            nanos[2] += System.nanoTime() - t2;
            progress.accept(new Progress(day, n + 1, days, actions));
        }
        log.debug("replay: ledger loads {} ms, cycles {} ms, responses {} ms", nanos[0] / 1_000_000,
                nanos[1] / 1_000_000, nanos[2] / 1_000_000);
        LoadReport report = new LoadReport(opened.customersCreated(), opened.accountsCreated(), loaded[2], loaded[3],
                loaded[4], opened.unchanged(), opened.accountsRecomputed());
        int kept = 0;
        int broken = 0;
        for (long id : taken) {
            String state = promises.promise(id).map(PromiseView::state).orElse("");
            kept += state.equals("KEPT") ? 1 : 0;
            broken += state.equals("BROKEN") ? 1 : 0;
        }
        log.info("Demo replay: {} promises taken, {} kept, {} broken, the rest still active or cancelled",
                taken.size(), kept, broken);
        return new Result(report, days, cycles.caseCount(), actions, payNow, taken.size(), kept, broken, disputes);
    }

    /**
     * Takes a customer's promise on a contacted account through the arrangement module, on the replayed day: the
     * amount of the payment that will keep it ({@code keeping}, at most the balance), else what is overdue (a promise
     * to pay it all, which the customer will break). Returns null when none is taken: nothing is overdue (no promise
     * is needed), or the module's rules refuse it (a promise already active).
     */
    private PromiseView promise(long accountId, CurrentState state, LocalDate day, LocalDate promised,
                                Pending keeping, String channel) {
        if (state == null || state.overdueMinor() <= 0) {
            return null;
        }
        long amount = keeping == null ? Math.min(state.overdueMinor(), state.balanceMinor())
                : Math.min(keeping.payment.amountMinor(), state.balanceMinor());
        Instant at = day.atTime(PROMISES_TAKEN_UTC).toInstant(ZoneOffset.UTC);
        Instant now = clock.instant();
        try {
            return promises.takeAt(accountId, new TakePromise(amount, state.currency(), promised, channelOf(channel),
                    "demo replay", false), ACTOR, at.isAfter(now) ? now : at);
        } catch (InvalidInputException | ConflictException e) {
            log.debug("no demo promise on account {} on {}: {}", accountId, day, e.getMessage());
            return null;
        }
    }

    /** Returns the promise channel of the contact the customer answered. */
    private static PromiseChannel channelOf(String contact) {
        return switch (contact) {
            case "SMS" -> PromiseChannel.SMS;
            case "EMAIL" -> PromiseChannel.EMAIL;
            case "CALL" -> PromiseChannel.CALL;
            case "LETTER" -> PromiseChannel.LETTER;
            case "VISIT" -> PromiseChannel.IN_PERSON;
            default -> PromiseChannel.OTHER; // an app push
        };
    }

    private static void release(List<Long> accounts, Consumer<Long> action) {
        if (accounts != null) {
            accounts.forEach(action);
        }
    }

    private static LocalDate first(TreeMap<LocalDate, ?> a, TreeMap<LocalDate, ?> b, TreeMap<LocalDate, ?> c,
                                   LocalDate asOf) {
        LocalDate first = asOf;
        for (TreeMap<LocalDate, ?> m : List.of(a, b, c)) {
            if (!m.isEmpty() && m.firstKey().isBefore(first)) {
                first = m.firstKey();
            }
        }
        return first;
    }

    /** Returns the account's next pending payment that may move to {@code to} (due later, within 90 days), or null. */
    private static Pending next(List<Pending> pending, LocalDate to) {
        for (Pending p : pending) {
            if (!p.done && p.day.isAfter(to) && !p.day.isAfter(to.plusDays(90))) {
                return p;
            }
        }
        return null;
    }

    /** Moves the account's next pending payment (due within 90 days, later than {@code to}) to {@code to}. */
    private static boolean move(List<Pending> pending, LocalDate to, TreeMap<LocalDate, List<Pending>> byDay) {
        Pending p = next(pending, to);
        if (p == null) {
            return false;
        }
        p.day = to;
        p.moved = true;
        byDay.computeIfAbsent(to, d -> new ArrayList<>()).add(p);
        return true;
    }

    private static PostPayment movedTo(PostPayment p, LocalDate day, ZoneId zone) {
        return new PostPayment(p.externalRef(), p.accountRef(), p.amountMinor(), p.currency(),
                day.atTime(LocalTime.of(10, 30)).atZone(zone).toInstant(), p.method(), p.reference());
    }

    private static Response respond(Archetype archetype, Random random, boolean disputedBefore) {
        int roll = random.nextInt(100);
        return switch (archetype) {
            case PAYS_EARLY, PAYS_ON_TIME -> roll < 80 ? Response.PAY : Response.IGNORE;
            case OCCASIONALLY_LATE -> roll < 60 ? Response.PAY : roll < 75 ? Response.PROMISE : Response.IGNORE;
            case CHRONICALLY_LATE -> roll < 35 ? Response.PAY : roll < 55 ? Response.PROMISE : Response.IGNORE;
            case HARDSHIP -> roll < 10 ? Response.PAY : roll < 35 ? Response.PROMISE : Response.IGNORE;
            case DISPUTER -> !disputedBefore ? Response.DISPUTE : roll < 50 ? Response.PAY : Response.IGNORE;
            case NEVER_PAYS -> roll < 10 ? Response.PROMISE : Response.IGNORE;
        };
    }

    private static int keptPercent(Archetype archetype) {
        return switch (archetype) {
            case OCCASIONALLY_LATE -> 80;
            case CHRONICALLY_LATE -> 60;
            case HARDSHIP -> 30;
            default -> 0;
        };
    }

}
