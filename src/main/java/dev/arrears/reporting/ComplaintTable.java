package dev.arrears.reporting;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Complaints per month from the self-service module's {@code complaint} table (portal, collectors, integrations),
 * by the account's product line and, for a strategy or variant, by the collection case the account was in on the
 * complaint's date. One grouped read over the complaints of the period (indexed by account and date), not a scan of
 * the portfolio.
 */
@Component
class ComplaintTable implements ComplaintCounts {

    private final JdbcClient jdbc;

    ComplaintTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<LocalDate, Long> monthly(LocalDate from, LocalDate to, String productLine, String strategy,
                                        String variant) {
        StringBuilder sql = new StringBuilder("""
                select date_trunc('month', c.created_on)::date as month, count(*) as complaints
                from complaint c join account a on a.id = c.account_id
                where c.created_on between ? and ?""");
        List<Object> params = new ArrayList<>(List.of(Date.valueOf(from), Date.valueOf(to)));
        if (productLine != null) {
            sql.append(" and a.product_line = ?");
            params.add(productLine);
        }
        if (strategy != null || variant != null) {
            sql.append(" and exists (select 1 from collection_case k where k.account_id = c.account_id")
                    .append(" and k.opened_on <= c.created_on")
                    .append(" and (k.closed_on is null or k.closed_on >= c.created_on)");
            if (strategy != null) {
                sql.append(" and k.strategy = ?");
                params.add(strategy);
            }
            if (variant != null) {
                sql.append(" and k.variant = ?");
                params.add(variant);
            }
            sql.append(")");
        }
        sql.append(" group by 1 order by 1");
        Map<LocalDate, Long> out = new TreeMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            out.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
        });
        return out;
    }
}
