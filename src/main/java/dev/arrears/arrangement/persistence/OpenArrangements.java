package dev.arrears.arrangement.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of some accounts have something a payment may settle: an active promise, an active plan, an offered
 * settlement. One read on the three tables' partial indexes, so that a payment on an account with none of them
 * (nearly all) opens no transaction here.
 */
@Component
public class OpenArrangements {

    private final JdbcClient jdbc;

    OpenArrangements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The accounts, among those asked, with an active promise, an active plan and an offered settlement. */
    public record Open(Set<Long> promises, Set<Long> plans, Set<Long> settlements) {
    }

    /** Returns which of the accounts have an active promise, an active plan or an offered settlement. */
    public Open of(Collection<Long> accountIds) {
        Set<Long> promises = new HashSet<>();
        Set<Long> plans = new HashSet<>();
        Set<Long> settlements = new HashSet<>();
        if (accountIds.isEmpty()) {
            return new Open(promises, plans, settlements);
        }
        Long[] ids = accountIds.toArray(Long[]::new);
        jdbc.sql("""
                        select 'P', account_id from promise where state = 'ACTIVE' and account_id = any(?)
                        union all
                        select 'L', account_id from plan where state = 'ACTIVE' and account_id = any(?)
                        union all
                        select 'S', account_id from settlement
                        where state in ('PENDING_APPROVAL', 'OFFERED') and account_id = any(?)""")
                .params(ids, ids, ids)
                .query(rs -> {
                    switch (rs.getString(1)) {
                        case "P" -> promises.add(rs.getLong(2));
                        case "L" -> plans.add(rs.getLong(2));
                        default -> settlements.add(rs.getLong(2));
                    }
                });
        return new Open(promises, plans, settlements);
    }
}
