package dev.arrears.contact.letter;

import dev.arrears.shared.PersonalDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The print queue's share of a customer's personal data: the letters stored for them (recipient, address, state,
 * dates, the SHA-256 of the PDF). An erasure replaces the name and address, drops the PDF (an empty document stays,
 * with its SHA-256 of what was printed) and cancels letters not yet batched; ids, states, dates and page counts stay.
 */
@Component
class LetterPersonalData implements PersonalDataSource {

    static final String ERASED = "erased";

    private final JdbcClient jdbc;
    private final Clock clock;

    LetterPersonalData(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "letters";
    }

    @Override
    public Object export(long customerId) {
        List<Map<String, Object>> letters = jdbc.sql("""
                        select id, account_id, recipient_name, recipient_address, locale, pages, sha256, state,
                               batch_id, created_at, posted_at
                        from letter where customer_id = ? order by id""")
                .param(customerId)
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong(1));
                    m.put("accountId", rs.getLong(2));
                    m.put("recipientName", rs.getString(3));
                    m.put("recipientAddress", rs.getString(4));
                    m.put("locale", rs.getString(5));
                    m.put("pages", rs.getInt(6));
                    m.put("sha256", rs.getString(7));
                    m.put("state", rs.getString(8));
                    m.put("batchId", rs.getObject(9));
                    m.put("createdAt", rs.getTimestamp(10).toInstant().toString());
                    m.put("postedAt", rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant().toString());
                    return m;
                })
                .list();
        return Map.of("letters", letters);
    }

    @Override
    public void erase(long customerId) {
        jdbc.sql("""
                        update letter set recipient_name = ?, recipient_address = ?, pdf = ''::bytea,
                            state = case when state = 'RENDERED' then 'CANCELLED' else state end,
                            cancelled_at = case when state = 'RENDERED' then ? else cancelled_at end,
                            cancel_reason = case when state = 'RENDERED' then 'personal data erased'
                                            else cancel_reason end
                        where customer_id = ? and (recipient_name <> ? or length(pdf) > 0)""")
                .params(ERASED, ERASED, Timestamp.from(clock.instant()), customerId, ERASED).update();
    }
}
