package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.TimelineEntry;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * PROVISIONAL verdict log: the verdicts that dispatch and dials received from the guard, as written into the
 * dispatch attempt log (decision, profile, rules). TODO at merge: read the compliance module's stored verdicts
 * (compliance_verdict, by account) instead, so that the timeline shows what the guard stored.
 */
@Component
class AttemptVerdictLog implements VerdictLog {

    private final JdbcClient jdbc;

    AttemptVerdictLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<TimelineEntry> verdicts(long accountId) {
        return jdbc.sql("""
                        select at, channel, decision, verdict_id, profile, not_before, reasons, job_id, call_task_id
                        from dispatch_attempt where account_id = ? and verdict_id is not null order by at, id""")
                .param(accountId)
                .query((rs, n) -> {
                    String reasons = rs.getString(7);
                    java.sql.Timestamp notBefore = rs.getTimestamp(6);
                    String detail = "verdict " + rs.getLong(4) + " (" + rs.getString(5) + ")"
                            + (notBefore == null ? "" : ", not before " + notBefore.toInstant())
                            + (reasons == null || reasons.isBlank() ? "" : ": " + reasons.replace('\n', ';'));
                    Object job = rs.getObject(8);
                    return new TimelineEntry(rs.getTimestamp(1).toInstant(), "VERDICT",
                            Channel.valueOf(rs.getString(2)), rs.getString(3), detail,
                            job != null ? "job:" + job : "call-task:" + rs.getLong(9));
                })
                .list();
    }
}
