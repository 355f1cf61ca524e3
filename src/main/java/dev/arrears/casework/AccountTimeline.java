package dev.arrears.casework;

import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.Plans;
import dev.arrears.arrangement.PromiseView;
import dev.arrears.arrangement.Promises;
import dev.arrears.contact.ContactHistory;
import dev.arrears.contact.ContactViews.TimelineEntry;
import dev.arrears.cycle.CaseViews.CaseView;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Views.AccountView;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An account's story for its page, newest first: the contact module's timeline (contacts with their channel and
 * status, delivery receipts, the guard's verdicts with their rule citations, call outcomes, payments, portal
 * actions) merged with the promises and plans and their ends, and the events of the account's collection cases.
 * Case events carry a date only; they sort at the start of that day in the customer's zone.
 */
final class AccountTimeline {

    /** Most lines shown on a page; the REST timeline has them all. */
    static final int MAX_LINES = 200;

    private final ContactHistory history;
    private final Cycles cycles;
    private final Promises promises;
    private final Plans plans;

    AccountTimeline(ContactHistory history, Cycles cycles, Promises promises, Plans plans) {
        this.history = history;
        this.cycles = cycles;
        this.promises = promises;
        this.plans = plans;
    }

    /**
     * One line: when ({@code at}; null for a case event, which has {@code on} only), what kind, the channel (null
     * when none), its status and detail as the source gives them.
     */
    record Line(Instant at, LocalDate on, String kind, String channel, String status, String detail) {
    }

    /** Returns the account's lines, newest first, at most {@link #MAX_LINES}. */
    List<Line> of(AccountView account) {
        long accountId = account.summary().id();
        ZoneId zone = zone(account.customer().timeZone());
        List<Line> lines = new ArrayList<>();
        for (TimelineEntry e : history.timelineForPage(accountId).entries()) {
            lines.add(new Line(e.at(), null, e.kind(), e.channel() == null ? null : e.channel().name(), e.status(),
                    e.detail()));
        }
        for (PromiseView p : promises.promises(accountId)) {
            String amount = Formats.INSTANCE.money(p.amountMinor(), p.currency());
            lines.add(new Line(p.takenAt(), null, "PROMISE", p.channel().name(), amount,
                    "promised by " + p.promisedOn() + " · " + p.takenBy() + (p.note() == null ? "" : " · " + p.note())));
            if (p.endedAt() != null) {
                lines.add(new Line(p.endedAt(), null, "PROMISE_ENDED", null, p.state(),
                        amount + (p.endReason() == null ? "" : " · " + p.endReason())));
            }
        }
        for (PlanView l : plans.plans(accountId)) {
            lines.add(new Line(l.madeAt(), null, "PLAN", null, Formats.INSTANCE.money(l.coveredMinor(), l.currency()),
                    l.instalmentCount() + " × " + l.frequency() + " · " + l.madeBy()));
            if (l.endedOn() != null) {
                lines.add(new Line(null, l.endedOn(), "PLAN_ENDED", null, l.state(),
                        l.endReason() == null ? "" : l.endReason()));
            }
        }
        for (CaseView listed : cycles.cases(accountId)) {
            cycles.caseView(listed.id()).ifPresent(c -> {
                if (c.timeline() != null) {
                    c.timeline().forEach(t -> lines.add(new Line(null, t.on(), "CASE", null, t.kind(), t.detail())));
                }
            });
        }
        lines.sort(Comparator.comparing((Line l) -> sortKey(l, zone)).reversed());
        return lines.size() > MAX_LINES ? List.copyOf(lines.subList(0, MAX_LINES)) : List.copyOf(lines);
    }

    private static Instant sortKey(Line line, ZoneId zone) {
        return line.at() != null ? line.at() : line.on().atStartOfDay(zone).toInstant();
    }

    private static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
