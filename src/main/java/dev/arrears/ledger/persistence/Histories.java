package dev.arrears.ledger.persistence;

import dev.arrears.ledger.domain.AccountHistory;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentFact;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.domain.AccountHistory.BillFact;
import dev.arrears.ledger.domain.AccountHistory.PaymentFact;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the histories of many accounts with one query per kind of record. */
final class Histories {

    private Histories() {
    }

    /** The account's identity beside its history. */
    record Loaded(long accountId, String productLine, AccountHistory history) {
    }

    /** Loads the histories of the given accounts, keyed by account id, in the order given. */
    static Map<Long, Loaded> load(JdbcClient jdbc, Long[] accountIds) {
        record Meta(String currency, String zone, String productLine) {
        }
        Map<Long, Meta> meta = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.id, a.currency, c.time_zone, a.product_line
                        from account a join customer c on c.id = a.customer_id where a.id = any(?) order by a.id""")
                .param(accountIds)
                .query(rs -> {
                    meta.put(rs.getLong(1), new Meta(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        Map<Long, List<BillFact>> bills = new HashMap<>();
        jdbc.sql("""
                        select account_id, id, external_ref, issue_date, due_date, total_minor
                        from bill where account_id = any(?) order by account_id, id""")
                .param(accountIds)
                .query(rs -> {
                    bills.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new BillFact(rs.getLong(2),
                            rs.getString(3), rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getLong(6)));
                });
        Map<Long, List<PaymentFact>> payments = new HashMap<>();
        jdbc.sql("""
                        select account_id, id, external_ref, received_at, amount_minor, reference, reversed_at
                        from payment where account_id = any(?) order by account_id, id""")
                .param(accountIds)
                .query(rs -> {
                    payments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new PaymentFact(rs.getLong(2),
                            rs.getString(3), Rows.instant(rs, "received_at"), rs.getLong(5), rs.getString(6),
                            Rows.instant(rs, "reversed_at")));
                });
        Map<Long, List<AdjustmentFact>> adjustments = new HashMap<>();
        jdbc.sql("""
                        select d.account_id, d.id, d.external_ref, d.type, b.external_ref as bill_ref, d.amount_minor,
                               d.effective_date, d.due_date
                        from adjustment d left join bill b on b.id = d.bill_id
                        where d.account_id = any(?) order by d.account_id, d.id""")
                .param(accountIds)
                .query(rs -> {
                    adjustments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new AdjustmentFact(
                            rs.getLong(2), rs.getString(3), AdjustmentType.valueOf(rs.getString(4)), rs.getString(5),
                            rs.getLong(6), Rows.date(rs, "effective_date"), Rows.date(rs, "due_date")));
                });
        Map<Long, Loaded> result = new LinkedHashMap<>();
        meta.forEach((id, m) -> result.put(id, new Loaded(id, m.productLine(), new AccountHistory(
                Currency.getInstance(m.currency()), ZoneId.of(m.zone()), bills.getOrDefault(id, List.of()),
                payments.getOrDefault(id, List.of()), adjustments.getOrDefault(id, List.of())))));
        return result;
    }
}
