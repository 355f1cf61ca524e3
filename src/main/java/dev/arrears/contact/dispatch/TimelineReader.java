package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.Timeline;
import dev.arrears.contact.ContactViews.TimelineEntry;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.shared.Channel;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * An account's contact story in time order: contacts (messages accepted, calls dialled) and call outcomes from the
 * history, the guard's verdicts (through {@link VerdictLog}), dispatch's cancellations and failures, delivery
 * receipts, letters the print queue posted, the ledger's payments and reversals, and what the customer did on the
 * self-service portal (plans chosen, promises, disputes, complaints, ratings; from the audit trail's entries).
 */
public final class TimelineReader {

    /** Order of kinds at one instant: the verdict before the contact it allowed, the outcome after the call. */
    private static final Map<String, Integer> ORDER = Map.of("PAYMENT", 0, "PAYMENT_REVERSED", 1, "VERDICT", 2,
            "DISPATCH", 3, "ATTEMPT", 4, "OUTCOME", 5, "RECEIPT", 6, "LETTER", 7);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final VerdictLog verdicts;

    public TimelineReader(JdbcClient jdbc, Ledger ledger, VerdictLog verdicts) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.verdicts = verdicts;
    }

    private static final java.util.regex.Pattern NO_ADDRESS = java.util.regex.Pattern.compile(
            "no (\\S+) contact point");
    private static final String BLOCKED = "blocked by the compliance guard: ";

    /**
     * Returns the facts of one of dispatch's own reasons ({@code Dunning.stop}, the engine's failures) as [reason,
     * argument]; empty for a provider's words, which are shown as they are.
     */
    static List<String> dispatchReason(String detail) {
        if (detail == null) {
            return List.of();
        }
        return switch (detail) {
            case "hold: promise to pay active" -> List.of("promiseHold", "");
            case "hold: dispute open" -> List.of("disputeHold", "");
            case "paid: nothing overdue" -> List.of("paid", "");
            case "case closed" -> List.of("caseClosed", "");
            case "ladder paused (stopWhen)" -> List.of("paused", "");
            case "no phone number" -> List.of("noPhone", "");
            default -> {
                java.util.regex.Matcher m = NO_ADDRESS.matcher(detail);
                if (m.matches()) {
                    yield List.of("noAddress", m.group(1));
                }
                yield detail.startsWith(BLOCKED) ? List.of("blocked", detail.substring(BLOCKED.length()))
                        : List.of();
            }
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Returns the account's timeline; 404 for an unknown account. */
    public Timeline timeline(long accountId) {
        AccountView account = ledger.account(accountId, null)
                .orElseThrow(() -> new NotFoundException("No account with id " + accountId));
        List<TimelineEntry> entries = new ArrayList<>(verdicts.verdicts(accountId));
        jdbc.sql("""
                        select at, channel, direction, outcome, result, outcome_at, address, job_id, call_task_id, note
                        from contact_attempt where account_id = ? order by at, id""")
                .param(accountId)
                .query(rs -> {
                    Channel channel = Channel.valueOf(rs.getString(2));
                    String ref = rs.getObject(8) != null ? "job:" + rs.getLong(8) : "call-task:" + rs.getLong(9);
                    String direction = rs.getString(3).toLowerCase(java.util.Locale.ROOT);
                    entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), "ATTEMPT", channel,
                            channel == Channel.CALL ? "DIALLED" : "SENT", direction + " to " + rs.getString(7), ref,
                            List.of(direction, text(rs.getString(7)))));
                    if (rs.getString(4) != null) {
                        String result = rs.getString(5);
                        String note = rs.getString(10);
                        entries.add(new TimelineEntry(rs.getTimestamp(6).toInstant(), "OUTCOME", channel,
                                rs.getString(4), (result == null ? "" : "result " + result)
                                + (note == null || note.isBlank() ? "" : (result == null ? "" : ": ") + note), ref,
                                List.of(text(result), note == null ? "" : note.strip())));
                    }
                });
        jdbc.sql("""
                        select coalesce(finished_at, at), channel, decision, outcome, detail, job_id, call_task_id
                        from dispatch_attempt
                        where account_id = ? and (decision in ('CANCEL', 'FAIL')
                              or (decision = 'ALLOW' and outcome in ('TRANSIENT', 'PERMANENT', 'LOST', 'UNCERTAIN')))
                        order by at, id""")
                .param(accountId)
                .query(rs -> {
                    String ref = rs.getObject(6) != null ? "job:" + rs.getLong(6) : "call-task:" + rs.getLong(7);
                    String status = rs.getString(3).equals("ALLOW") ? rs.getString(4) : rs.getString(3);
                    entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), "DISPATCH",
                            Channel.valueOf(rs.getString(2)), status, rs.getString(5), ref,
                            dispatchReason(rs.getString(5))));
                });
        jdbc.sql("""
                        select r.at, r.channel, r.status, r.provider_id, r.detail, r.job_id
                        from delivery_receipt r join dispatch_job j on j.id = r.job_id
                        where j.account_id = ? order by r.at, r.id""")
                .param(accountId)
                .query(rs -> {
                    String detail = rs.getString(5);
                    entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), "RECEIPT",
                            Channel.valueOf(rs.getString(2)), rs.getString(3), "provider id " + rs.getString(4)
                            + (detail == null ? "" : ": " + detail), "job:" + rs.getLong(6),
                            List.of(text(rs.getString(4)), text(detail))));
                });
        jdbc.sql("""
                        select l.posted_at, l.id, l.batch_id, l.pages, l.job_id from letter l
                        where l.account_id = ? and l.posted_at is not null order by l.posted_at, l.id""")
                .param(accountId)
                .query(rs -> {
                    entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), "LETTER", Channel.LETTER, "POSTED",
                            "letter " + rs.getLong(2) + " (" + rs.getInt(4) + (rs.getInt(4) == 1 ? " page" : " pages")
                            + ") posted in batch " + rs.getLong(3), "job:" + rs.getLong(5),
                            List.of(Long.toString(rs.getLong(2)), Integer.toString(rs.getInt(4)),
                                    Long.toString(rs.getLong(3)))));
                });
        // what the customer did on the self-service portal, and complaints recorded for them: their audit entries
        // (ids and codes only; the customer's words stay in the complaint table)
        jdbc.sql("""
                        select occurred_at, kind, details, id from audit_entry
                        where subject_type = 'account' and subject_id = ?
                          and (kind like 'PORTAL\\_%' or kind = 'COMPLAINT_RECORDED')
                        order by occurred_at, id""")
                .param(Long.toString(accountId))
                .query(rs -> {
                    String kind = rs.getString(2);
                    entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(),
                            kind.startsWith("PORTAL_") ? "PORTAL" : "COMPLAINT", null,
                            kind.startsWith("PORTAL_") ? kind.substring("PORTAL_".length()) : "RECORDED",
                            rs.getString(3), "audit:" + rs.getLong(4)));
                });
        for (PaymentView p : account.payments()) {
            String amount = Money.format(p.amountMinor(), Currency.getInstance(p.currency())) + " " + p.currency();
            entries.add(new TimelineEntry(p.receivedAt(), "PAYMENT", null, amount,
                    p.method() + (p.reference() == null ? "" : " " + p.reference()), "payment:" + p.id(),
                    List.of(String.valueOf(p.method()), text(p.reference()))));
            if (p.reversedAt() != null) {
                entries.add(new TimelineEntry(p.reversedAt(), "PAYMENT_REVERSED", null, amount,
                        String.valueOf(p.reversalReason()), "payment:" + p.id()));
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::at)
                .thenComparing(e -> ORDER.getOrDefault(e.kind(), 9)));
        return new Timeline(accountId, account.summary().customerId(), entries);
    }
}
