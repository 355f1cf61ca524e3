package dev.arrears.ledger.persistence;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Payees.Payee;
import dev.arrears.ledger.Payees.PayeeBill;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of {@link dev.arrears.ledger.Payees}: accounts with their customer's name and current-state figures,
 * found by account reference, bill reference or lower-cased customer name, one query per call. An account without
 * a state row yet (nothing ever written to it) has zero figures.
 */
@Repository
public class PayeeQueries {

    private static final String PAYEE_COLUMNS = """
            a.id as account_id, a.external_ref as account_ref, c.name as customer_name, a.currency, a.status,
            coalesce(s.balance_minor, 0) as balance_minor, coalesce(s.overdue_minor, 0) as overdue_minor""";
    private static final String PAYEE_JOINS = """
            join customer c on c.id = a.customer_id left join account_state s on s.account_id = a.id""";

    private final JdbcClient jdbc;

    PayeeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Payee> byAccountRefs(Collection<String> refs) {
        Map<String, Payee> payees = new HashMap<>();
        if (refs.isEmpty()) {
            return payees;
        }
        jdbc.sql("select " + PAYEE_COLUMNS + " from account a " + PAYEE_JOINS + " where a.external_ref = any(?)")
                .param(refs.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    Payee payee = payee(rs);
                    payees.put(payee.accountRef(), payee);
                });
        return payees;
    }

    public Map<String, PayeeBill> byBillRefs(Collection<String> refs) {
        Map<String, PayeeBill> bills = new HashMap<>();
        if (refs.isEmpty()) {
            return bills;
        }
        jdbc.sql("select b.external_ref as bill_ref, b.total_minor, " + PAYEE_COLUMNS
                        + " from bill b join account a on a.id = b.account_id " + PAYEE_JOINS
                        + " where b.external_ref = any(?)")
                .param(refs.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    bills.put(rs.getString("bill_ref"), new PayeeBill(rs.getString("bill_ref"),
                            rs.getLong("total_minor"), payee(rs)));
                });
        return bills;
    }

    public List<String> accountRefsOf(long customerId) {
        return jdbc.sql("select external_ref from account where customer_id = ? order by id").param(customerId)
                .query(String.class).list();
    }

    public Map<String, Long> paymentIds(Collection<String> refs) {
        Map<String, Long> ids = new HashMap<>();
        if (refs.isEmpty()) {
            return ids;
        }
        jdbc.sql("select external_ref, id from payment where external_ref = any(?)")
                .param(refs.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    public Map<String, List<Payee>> byLowerNames(Collection<String> lowerNames) {
        Map<String, List<Payee>> payees = new HashMap<>();
        if (lowerNames.isEmpty()) {
            return payees;
        }
        jdbc.sql("select lower(c.name) as name_key, " + PAYEE_COLUMNS + " from customer c"
                        + " join account a on a.customer_id = c.id left join account_state s on s.account_id = a.id"
                        + " where lower(c.name) = any(?) order by a.id")
                .param(lowerNames.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    payees.computeIfAbsent(rs.getString("name_key"), k -> new ArrayList<>()).add(payee(rs));
                });
        return payees;
    }

    private static Payee payee(ResultSet rs) throws SQLException {
        return new Payee(rs.getLong("account_id"), rs.getString("account_ref"), rs.getString("customer_name"),
                rs.getString("currency"), AccountStatus.valueOf(rs.getString("status")), rs.getLong("balance_minor"),
                rs.getLong("overdue_minor"));
    }
}
