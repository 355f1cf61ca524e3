package dev.arrears.arrangement;

import dev.arrears.arrangement.domain.PlanReminderRules;
import dev.arrears.arrangement.domain.PlanReminderRules.Kind;
import dev.arrears.arrangement.domain.PlanReminderRules.Reminder;
import dev.arrears.arrangement.domain.PlanReminderRules.Timing;
import dev.arrears.arrangement.domain.PlanRules.Instalment;
import dev.arrears.arrangement.persistence.PlanStore;
import dev.arrears.contact.ContactSource;
import dev.arrears.contact.RenderContext;
import dev.arrears.cycle.CaseViews.PlannedContact;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.CurrentState;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reminders of an instalment plan's instalments, carried by the normal contact pipeline: the cycle's first step of a
 * date plans one contact per instalment and kind on the account's open case ({@code Cycles.planContacts}, source key
 * {@code plan:<plan id>:instalment:<number>:before|due}, so a second run plans nothing more), and dispatch asks this
 * module at hand-over whether each may still go ({@link ContactSource}) — the plan's own hold of the ladder does not
 * stop them. Settings: {@code arrears.plans.reminder-days-before} (3; 0 for none before the due date),
 * {@code arrears.plans.reminder-on-due-date} (false), {@code arrears.plans.reminder-channel} (SMS, EMAIL or PUSH;
 * default SMS) and {@code arrears.plans.reminder-fallback} (EMAIL; {@code none} for none), template
 * {@value #TEMPLATE}.
 */
@Component
class PlanReminders implements ContactSource {

    static final String PREFIX = "plan:";
    static final String TEMPLATE = "instalment_reminder";
    private static final Pattern KEY = Pattern.compile("plan:(\\d+):instalment:(\\d+):(before|due)");
    private static final Set<String> CHANNELS = Set.of("SMS", "EMAIL", "PUSH");

    private final PlanStore store;
    private final Ledger ledger;
    private final Cycles cycles;
    private final Timing timing;
    private final String channel;
    private final String fallback;

    PlanReminders(PlanStore store, Ledger ledger, Cycles cycles, Environment environment) {
        this.store = store;
        this.ledger = ledger;
        this.cycles = cycles;
        this.timing = new Timing(environment.getProperty("arrears.plans.reminder-days-before", Integer.class, 3),
                environment.getProperty("arrears.plans.reminder-on-due-date", Boolean.class, false));
        this.channel = channel(environment.getProperty("arrears.plans.reminder-channel", "SMS"),
                "arrears.plans.reminder-channel");
        String fb = environment.getProperty("arrears.plans.reminder-fallback", "EMAIL");
        this.fallback = fb.isBlank() || fb.equalsIgnoreCase("none") ? null
                : channel(fb, "arrears.plans.reminder-fallback");
        if (channel.equals(fallback)) {
            throw new IllegalStateException("arrears.plans.reminder-fallback must differ from the channel " + channel);
        }
    }

    private static String channel(String value, String property) {
        String c = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!CHANNELS.contains(c)) {
            throw new IllegalStateException(property + " must be one of " + CHANNELS + ", was '" + value + "'");
        }
        return c;
    }

    /** Returns the source key of a reminder. */
    static String key(long planId, int number, Kind kind) {
        return PREFIX + planId + ":instalment:" + number + ":" + kind.key();
    }

    /**
     * Plans the reminders due on a date for the active plans (their instalments' states as last reviewed), each once;
     * returns how many were planned now. Run it in the caller's transaction.
     */
    int plan(List<PlanView> active, LocalDate asOf) {
        List<PlannedContact> contacts = new ArrayList<>();
        for (PlanView p : active) {
            if (!p.state().equals("ACTIVE")) {
                continue;
            }
            int covered = (int) p.instalments().stream().filter(i -> i.state().equals("PAID")).count();
            for (Reminder r : PlanReminderRules.dueOn(schedule(p), covered, timing, asOf)) {
                contacts.add(new PlannedContact(key(p.id(), r.number(), r.kind()), p.accountId(), asOf, asOf,
                        channel, TEMPLATE, fallback));
            }
        }
        return contacts.isEmpty() ? 0 : cycles.planContacts(contacts).size();
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    /**
     * Reviews reminders at hand-over: what was paid since each plan began is read from the ledger now (dispatch holds
     * the accounts' state rows, so a payment committed before is counted), today is the account's date at
     * {@code now}.
     */
    @Override
    public Map<String, Review> review(Collection<String> sources, Instant now) {
        Map<String, Review> out = new HashMap<>();
        Map<String, Matcher> keys = new HashMap<>();
        for (String s : sources) {
            Matcher m = KEY.matcher(s);
            if (m.matches()) {
                keys.put(s, m);
            } else {
                out.put(s, Review.stop("not an instalment reminder: " + s));
            }
        }
        Map<Long, PlanView> plans = new HashMap<>();
        store.plans(keys.values().stream().map(m -> Long.parseLong(m.group(1))).distinct().toList())
                .forEach(p -> plans.put(p.id(), p));
        Map<Long, Instant> since = new HashMap<>();
        plans.values().stream().filter(p -> p.state().equals("ACTIVE")).forEach(p -> since.put(p.accountId(),
                p.madeAt()));
        Map<Long, Long> paid = since.isEmpty() ? Map.of() : ledger.paidSince(since);
        Map<Long, CurrentState> states = since.isEmpty() ? Map.of() : ledger.currentStates(since.keySet());
        keys.forEach((source, m) -> {
            PlanView p = plans.get(Long.parseLong(m.group(1)));
            if (p == null) {
                out.put(source, Review.stop("no plan " + m.group(1)));
                return;
            }
            CurrentState state = states.get(p.accountId());
            LocalDate today = state == null ? LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)
                    : LocalDate.ofInstant(now, state.timeZone());
            PlanReminderRules.Review r = PlanReminderRules.review(schedule(p), p.state(),
                    paid.getOrDefault(p.accountId(), 0L), state == null ? 0 : state.balanceMinor(),
                    Integer.parseInt(m.group(2)), Kind.ofKey(m.group(3)), today);
            out.put(source, r.stop() != null ? Review.stop(r.stop() + " (plan " + p.id() + ")")
                    : Review.go(new RenderContext.Instalment(r.number(), r.count(), r.dueOn(), r.amountMinor(),
                    r.remainingMinor())));
        });
        return out;
    }

    private static List<Instalment> schedule(PlanView p) {
        return p.instalments().stream().map(i -> new Instalment(i.number(), i.dueOn(), i.amountMinor())).toList();
    }
}
