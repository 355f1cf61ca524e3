package dev.arrears.arrangement.persistence;

import dev.arrears.arrangement.PlanView;
import dev.arrears.arrangement.PlanView.InstalmentView;
import dev.arrears.arrangement.domain.PlanRules.Instalment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code plan} and {@code plan_instalment} tables. */
@Component
public class PlanStore {

    private static final String COLUMNS = """
            select id, account_id, customer_id, currency, covered_minor, down_minor, fee_minor, instalments,
                   frequency, grace_days, state, made_by, made_at, started_on, paid_minor, ended_on, end_reason,
                   balance_minor
            from plan""";

    private final JdbcClient jdbc;

    PlanStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an ACTIVE plan over {@code coveredMinor} of a balance of {@code balanceMinor}; returns its id. */
    public long insert(long accountId, long customerId, String currency, long coveredMinor, long balanceMinor,
                       long downMinor, long feeMinor, int instalments, String frequency, int graceDays, String maker,
                       Instant at, LocalDate startedOn, List<Instalment> schedule) {
        long id = jdbc.sql("""
                        insert into plan (account_id, customer_id, currency, covered_minor, balance_minor, down_minor,
                            fee_minor, instalments, frequency, grace_days, state, made_by, made_at, started_on)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?) returning id""")
                .params(accountId, customerId, currency, coveredMinor, balanceMinor, downMinor, feeMinor,
                        instalments, frequency, graceDays, maker, Timestamp.from(at), startedOn)
                .query(Long.class).single();
        for (Instalment i : schedule) {
            jdbc.sql("insert into plan_instalment (plan_id, number, due_on, amount_minor, state) values (?, ?, ?, ?,"
                    + " 'DUE')").params(id, i.number(), i.dueOn(), i.amountMinor()).update();
        }
        return id;
    }

    public Optional<PlanView> plan(long id) {
        return withInstalments(jdbc.sql(COLUMNS + " where id = ?").param(id).query(PlanStore::row).list())
                .stream().findFirst();
    }

    /** Returns plans by id, with their schedules. */
    public List<PlanView> plans(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withInstalments(jdbc.sql(COLUMNS + " where id = any(?) order by id").param(ids.toArray(Long[]::new))
                .query(PlanStore::row).list());
    }

    /** Returns the active plans, with their schedules as last reviewed (not locked). */
    public List<PlanView> active() {
        return withInstalments(jdbc.sql(COLUMNS + " where state = 'ACTIVE' order by id").query(PlanStore::row).list());
    }

    public List<PlanView> ofAccount(long accountId) {
        return withInstalments(jdbc.sql(COLUMNS + " where account_id = ? order by id desc").param(accountId)
                .query(PlanStore::row).list());
    }

    /** Returns whether an account has an active plan. */
    public boolean hasActive(long accountId) {
        return jdbc.sql("select exists (select 1 from plan where account_id = ? and state = 'ACTIVE')")
                .param(accountId).query(Boolean.class).single();
    }

    /** Returns the active plans (of some accounts, or all when null), locked until the transaction ends. */
    public List<PlanView> lockActive(Collection<Long> accountIds) {
        if (accountIds == null) {
            return withInstalments(jdbc.sql(COLUMNS + " where state = 'ACTIVE' order by id for update skip locked")
                    .query(PlanStore::row).list());
        }
        return withInstalments(jdbc.sql(COLUMNS + " where state = 'ACTIVE' and account_id = any(?) order by id"
                        + " for update skip locked").param(accountIds.toArray(Long[]::new))
                .query(PlanStore::row).list());
    }

    /** Returns an account's active plan (not locked). */
    public Optional<PlanView> activeOf(long accountId) {
        return withInstalments(jdbc.sql(COLUMNS + " where state = 'ACTIVE' and account_id = ?").param(accountId)
                .query(PlanStore::row).list()).stream().findFirst();
    }

    /** Returns an account's active plan, locked until the transaction ends (waiting for another holder). */
    public Optional<PlanView> lockActiveOf(long accountId) {
        return withInstalments(jdbc.sql(COLUMNS + " where state = 'ACTIVE' and account_id = ? for update")
                .param(accountId).query(PlanStore::row).list()).stream().findFirst();
    }

    /** Records a review: what was paid and which instalments are paid (the first {@code covered}) or missed. */
    public void review(long id, long paidMinor, int covered, Integer missedNumber) {
        jdbc.sql("update plan set paid_minor = ? where id = ?").params(paidMinor, id).update();
        jdbc.sql("""
                        update plan_instalment set state = case
                            when rn <= ? then 'PAID' when number = ? then 'MISSED' else 'DUE' end
                        from (select number as n, row_number() over (order by number) as rn
                              from plan_instalment where plan_id = ?) o
                        where plan_id = ? and number = o.n""")
                .params(covered, missedNumber == null ? -1 : missedNumber, id, id).update();
    }

    /** Ends an active plan; false when it was no longer active. */
    public boolean end(long id, String state, LocalDate on, String reason) {
        return jdbc.sql("update plan set state = ?, ended_on = ?, end_reason = ? where id = ? and state = 'ACTIVE'")
                .params(state, on, reason, id).update() == 1;
    }

    private List<PlanView> withInstalments(List<PlanView> plans) {
        if (plans.isEmpty()) {
            return plans;
        }
        Map<Long, List<InstalmentView>> byPlan = new HashMap<>();
        jdbc.sql("select plan_id, number, due_on, amount_minor, state from plan_instalment where plan_id = any(?)"
                        + " order by plan_id, number")
                .param(plans.stream().map(PlanView::id).toArray(Long[]::new))
                .query(rs -> {
                    byPlan.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new InstalmentView(rs.getInt(2),
                            rs.getObject(3, LocalDate.class), rs.getLong(4), rs.getString(5)));
                });
        List<PlanView> out = new ArrayList<>(plans.size());
        for (PlanView p : plans) {
            out.add(new PlanView(p.id(), p.accountId(), p.customerId(), p.currency(), p.coveredMinor(), p.downMinor(),
                    p.feeMinor(), p.instalmentCount(), p.frequency(), p.graceDays(), p.state(), p.madeBy(),
                    p.madeAt(), p.startedOn(), p.paidMinor(), p.endedOn(), p.endReason(),
                    List.copyOf(byPlan.getOrDefault(p.id(), List.of())), p.balanceMinor()));
        }
        return out;
    }

    private static PlanView row(ResultSet rs, int n) throws SQLException {
        return new PlanView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getString(9), rs.getInt(10), rs.getString(11),
                rs.getString(12), rs.getTimestamp(13).toInstant(), rs.getObject(14, LocalDate.class), rs.getLong(15),
                rs.getObject(16, LocalDate.class), rs.getString(17), List.of(), rs.getLong(18));
    }
}
