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
 * Case events carry a date only; they sort at the start of that day in the customer's zone. The details are
 * written in the reader's language from the message bundles ({@code timeline.detail.*}) out of the facts the
 * sources give with their lines; what people typed (notes, references) and what providers and rules said stay as
 * they were written, and a line the bundles have no words for shows the source's English.
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

    /** Writes a message of the bundles in the reader's language: a key and its arguments. */
    @FunctionalInterface
    interface Texts {
        String text(String key, Object... args);
    }

    /** Returns the account's lines, newest first, at most {@link #MAX_LINES}, their details written by {@code t}. */
    List<Line> of(AccountView account, Texts t) {
        long accountId = account.summary().id();
        ZoneId zone = zone(account.customer().timeZone());
        List<Line> lines = new ArrayList<>();
        for (TimelineEntry e : history.timelineForPage(accountId).entries()) {
            lines.add(new Line(e.at(), null, e.kind(), e.channel() == null ? null : e.channel().name(), e.status(),
                    contactDetail(e, t)));
        }
        for (PromiseView p : promises.promises(accountId)) {
            String amount = Formats.INSTANCE.money(p.amountMinor(), p.currency());
            lines.add(new Line(p.takenAt(), null, "PROMISE", p.channel().name(), amount,
                    t.text("timeline.detail.promise", p.promisedOn().toString(), p.takenBy())
                            + (p.note() == null ? "" : " · " + p.note())));
            if (p.endedAt() != null) {
                lines.add(new Line(p.endedAt(), null, "PROMISE_ENDED", null, p.state(),
                        amount + (p.endReason() == null ? "" : " · " + p.endReason())));
            }
        }
        for (PlanView l : plans.plans(accountId)) {
            lines.add(new Line(l.madeAt(), null, "PLAN", null, Formats.INSTANCE.money(l.coveredMinor(), l.currency()),
                    planDetail(l, t)));
            if (l.endedOn() != null) {
                lines.add(new Line(null, l.endedOn(), "PLAN_ENDED", null, l.state(),
                        l.endReason() == null ? "" : l.endReason()));
            }
        }
        for (CaseView listed : cycles.cases(accountId)) {
            cycles.caseView(listed.id()).ifPresent(c -> {
                if (c.timeline() != null) {
                    c.timeline().forEach(e -> lines.add(new Line(null, e.on(), "CASE", null, e.kind(),
                            caseDetail(e, t))));
                }
            });
        }
        lines.sort(Comparator.comparing((Line l) -> sortKey(l, zone)).reversed());
        return lines.size() > MAX_LINES ? List.copyOf(lines.subList(0, MAX_LINES)) : List.copyOf(lines);
    }

    /** Writes a plan line's detail: its instalments and maker, and what it covers when only part of the balance. */
    static String planDetail(PlanView l, Texts t) {
        String detail = t.text("timeline.detail.plan", Integer.toString(l.instalmentCount()),
                t.text("frequency." + l.frequency()), l.madeBy());
        return l.partial() ? detail + " · " + t.text("arrangement.planCovers",
                Formats.INSTANCE.money(l.coveredMinor(), l.currency()),
                Formats.INSTANCE.money(l.balanceMinor(), l.currency())) : detail;
    }

    /** Writes a contact line's detail from its facts; the source's English when it gave none. */
    static String contactDetail(TimelineEntry e, Texts t) {
        List<String> a = e.detailArgs();
        if (a.isEmpty()) {
            return e.detail();
        }
        return switch (e.kind()) {
            case "ATTEMPT" -> t.text("timeline.detail." + ("inbound".equals(a.get(0)) ? "inbound" : "outbound"),
                    a.get(1));
            case "OUTCOME" -> joined(t, a.get(0).isEmpty() ? "" : t.text("timeline.detail.result",
                    t.text("result." + a.get(0))), a.get(1));
            case "RECEIPT" -> joined(t, t.text("timeline.detail.receipt", a.get(0)), a.get(1));
            case "LETTER" -> "1".equals(a.get(1))
                    ? t.text("timeline.detail.letter.one", a.get(0), a.get(2))
                    : t.text("timeline.detail.letter", a.get(0), a.get(1), a.get(2));
            case "DISPATCH" -> t.text("timeline.detail.dispatch." + a.get(0), a.get(1));
            case "PAYMENT" -> t.text("method." + a.get(0)) + (a.get(1).isEmpty() ? "" : " " + a.get(1));
            case "VERDICT" -> joined(t, t.text("timeline.detail.verdict", a.get(0), a.get(1), a.get(2), a.get(3))
                    + (a.get(4).isEmpty() ? "" : t.text("timeline.detail.notBefore", a.get(4))), a.get(5));
            default -> e.detail();
        };
    }

    /** Writes a case line's detail from its facts; the stored words of a change the bundles do not name. */
    static String caseDetail(dev.arrears.cycle.CaseViews.TimelineEntry e, Texts t) {
        List<String> a = e.detailArgs();
        if (e.kind().equals("OPENED") && a.size() == 3) {
            return t.text("timeline.detail.opened", a.get(0), a.get(1), a.get(2));
        }
        if (e.kind().startsWith("STEP_") && a.size() == 3) {
            return t.text("timeline.detail.step", a.get(0), a.get(1), a.get(2)).strip();
        }
        if (a.size() == 2) {
            return t.text("timeline.detail.hold." + a.get(0) + "." + a.get(1));
        }
        if (e.kind().equals("PAUSED") || e.kind().equals("RESUMED")) {
            return t.text("timeline.detail." + e.kind());
        }
        return e.detail();
    }

    /** Joins a line's words and what follows them (a note, a provider's or the rules' words), either may be empty. */
    private static String joined(Texts t, String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : t.text("timeline.detail.then", first, second);
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
