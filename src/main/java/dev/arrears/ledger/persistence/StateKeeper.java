package dev.arrears.ledger.persistence;

import dev.arrears.ledger.domain.AccountHistory;
import dev.arrears.ledger.domain.AccountPosition;
import dev.arrears.ledger.domain.AccountPosition.DelinquencyEpisode;
import dev.arrears.ledger.domain.Positions;
import dev.arrears.shared.CopyRows;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Keeps {@code account_state} and {@code delinquency_episode} equal to what {@link Positions} says of each
 * account today (in the account's zone): recomputes given accounts in batches and writes them set-based.
 */
final class StateKeeper {

    static final int BATCH = 2_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateKeeper.class);

    private StateKeeper() {
    }

    /** Recomputes and stores the state of the accounts today; returns the positions when {@code keep} is set. */
    static Map<Long, AccountPosition> recompute(JdbcClient jdbc, Clock clock, Collection<Long> accountIds,
                                                boolean keep) {
        return recompute(jdbc, clock, accountIds, null, keep);
    }

    /**
     * Recomputes and stores the state of the accounts as of a date, the same in every zone (null: today in each
     * account's zone); returns the positions when {@code keep} is set.
     */
    static Map<Long, AccountPosition> recompute(JdbcClient jdbc, Clock clock, Collection<Long> accountIds,
                                                LocalDate asOf, boolean keep) {
        Map<Long, AccountPosition> kept = new LinkedHashMap<>();
        Long[] all = accountIds.toArray(Long[]::new);
        for (int from = 0; from < all.length; from += BATCH) {
            Long[] batch = Arrays.copyOfRange(all, from, Math.min(all.length, from + BATCH));
            // Lock the state rows before reading the history: a concurrent writer of the same account waits
            // here, then reads what this transaction committed.
            jdbc.sql("select account_id from account_state where account_id = any(?) order by account_id for update")
                    .param(batch).query(Long.class).list();
            Map<Long, Histories.Loaded> histories = Histories.load(jdbc, batch);
            List<Histories.Loaded> loaded = new ArrayList<>(histories.values());
            AccountPosition[] computed = new AccountPosition[loaded.size()];
            // Large batches (a refresh) replay on both cores; a few accounts (one write) stay on this thread.
            IntStream indexes = IntStream.range(0, computed.length);
            (computed.length >= 100 ? indexes.parallel() : indexes).forEach(i -> {
                AccountHistory history = loaded.get(i).history();
                LocalDate date = asOf != null ? asOf : LocalDate.now(clock.withZone(history.zone()));
                computed[i] = Positions.asOf(history, date);
            });
            Map<Long, AccountPosition> positions = new LinkedHashMap<>();
            for (int i = 0; i < computed.length; i++) {
                positions.put(loaded.get(i).accountId(), computed[i]);
            }
            write(jdbc, clock, histories, positions);
            if (keep) {
                kept.putAll(positions);
            }
        }
        return kept;
    }

    /**
     * Computes and stores the state of accounts whose whole history is in memory (they had none before this
     * transaction). The row is only replaced while it still says "no history"; returns the accounts where a
     * concurrent writer got there first, which the caller recomputes from the database.
     */
    static List<Long> writeFresh(JdbcClient jdbc, java.sql.Connection connection, Clock clock,
                                 Map<Long, Histories.Loaded> histories, Map<Long, AccountPosition> kept,
                                 boolean keep) {
        if (histories.isEmpty()) {
            return List.of();
        }
        String now = clock.instant().toString();
        jdbc.sql("""
                create temp table if not exists fresh_state (
                    account_id bigint, as_of date, balance_minor bigint, overdue_minor bigint, credit_minor bigint,
                    oldest_overdue_due date, oldest_open_due date, days_past_due int, bucket text,
                    valid_until date, episodes int, delinquent_since date, events int) on commit delete rows""")
                .update();
        long started = System.nanoTime();
        long replayed = 0;
        long copied = 0;
        Map<Long, AccountPosition> positions = new LinkedHashMap<>();
        List<Object[]> pending = new ArrayList<>();
        try {
            // The replays are independent: use both cores while PostgreSQL waits.
            List<Histories.Loaded> all = new ArrayList<>(histories.values());
            AccountPosition[] computed = new AccountPosition[all.size()];
            java.util.stream.IntStream.range(0, all.size()).parallel().forEach(i -> computed[i] = Positions.asOf(
                    all.get(i).history(), LocalDate.now(clock.withZone(all.get(i).history().zone()))));
            replayed = System.nanoTime();
            CopyRows rows = new CopyRows(connection, "copy fresh_state from stdin");
            int index = 0;
            for (var entry : histories.entrySet()) {
                Histories.Loaded loaded = entry.getValue();
                AccountPosition p = computed[index++];
                if (keep) {
                    positions.put(entry.getKey(), p);
                }
                DelinquencyEpisode last = p.episodes().isEmpty() ? null : p.episodes().getLast();
                rows.field(entry.getKey()).field(p.asOf()).field(p.balanceMinor()).field(p.overdueMinor())
                        .field(p.creditMinor()).field(p.oldestOverdueDueDate()).field(p.oldestOpenDueDate())
                        .field(p.daysPastDue())
                        .field(p.bucket().label()).field(p.validUntil()).field(p.episodes().size())
                        .field(last != null && last.endedOn() == null ? last.startedOn() : null)
                        .field(loaded.history().bills().size() + loaded.history().payments().size()
                                + loaded.history().adjustments().size())
                        .endRow();
                episodes(entry.getKey(), p, pending);
            }
            rows.finish();
            copied = System.nanoTime();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write account states", e);
        }
        // The join below hashes every fresh row: give it statistics and the memory to do it in one pass.
        jdbc.sql("set local work_mem = '256MB'").update();
        jdbc.sql("analyze fresh_state").update();
        List<Long> written = jdbc.sql("""
                        update account_state s set as_of = u.as_of, balance_minor = u.balance_minor,
                            overdue_minor = u.overdue_minor, credit_minor = u.credit_minor,
                            oldest_overdue_due = u.oldest_overdue_due, oldest_open_due = u.oldest_open_due,
                            days_past_due = u.days_past_due,
                            bucket = u.bucket, valid_until = u.valid_until, episodes = u.episodes,
                            delinquent_since = u.delinquent_since, events = u.events, updated_at = ?::timestamptz
                        from fresh_state u
                        where s.account_id = u.account_id and s.events = 0
                        returning s.account_id""")
                .param(now).query(Long.class).list();
        java.util.Set<Long> done = new java.util.HashSet<>(written);
        // Episodes only for the rows this transaction still owned: an account that another writer got to first
        // is recomputed from the database by the caller, episodes included.
        try {
            CopyRows episodeRows = new CopyRows(connection,
                    "copy delinquency_episode (account_id, started_on, ended_on, max_days_past_due) from stdin");
            for (Object[] e : pending) {
                if (done.contains((Long) e[0])) {
                    episodeRows.field((Long) e[0]).field((LocalDate) e[1]).field((LocalDate) e[2])
                            .field((Integer) e[3]).endRow();
                }
            }
            episodeRows.finish();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write delinquency episodes", e);
        }
        jdbc.sql("truncate fresh_state").update();
        LOG.debug("fresh states of {} accounts: replay {} ms, copy {} ms, update and episodes {} ms", histories.size(),
                (replayed - started) / 1_000_000, (copied - replayed) / 1_000_000,
                (System.nanoTime() - copied) / 1_000_000);
        kept.putAll(positions);
        List<Long> lost = new ArrayList<>();
        for (Long id : histories.keySet()) {
            if (!done.contains(id)) {
                lost.add(id);
            }
        }
        return lost;
    }

    private static void episodes(long accountId, AccountPosition p, List<Object[]> out) {
        for (DelinquencyEpisode e : p.episodes()) {
            out.add(new Object[] {accountId, e.startedOn(), e.endedOn(), e.maxDaysPastDue()});
        }
    }

    /** Writes the state rows and episodes of recomputed accounts, replacing what was there. */
    private static void write(JdbcClient jdbc, Clock clock, Map<Long, Histories.Loaded> histories,
                              Map<Long, AccountPosition> positions) {
        int n = positions.size();
        Long[] ids = new Long[n];
        String[] lines = new String[n];
        String[] currencies = new String[n];
        String[] zones = new String[n];
        String[] asOf = new String[n];
        Long[] balance = new Long[n];
        Long[] overdue = new Long[n];
        Long[] credit = new Long[n];
        String[] oldest = new String[n];
        String[] oldestOpen = new String[n];
        Integer[] dpd = new Integer[n];
        String[] bucket = new String[n];
        String[] validUntil = new String[n];
        Integer[] episodes = new Integer[n];
        String[] since = new String[n];
        Integer[] events = new Integer[n];
        List<Long> episodeAccount = new ArrayList<>();
        List<String> episodeStart = new ArrayList<>();
        List<String> episodeEnd = new ArrayList<>();
        List<Integer> episodeMax = new ArrayList<>();
        int i = 0;
        for (var entry : positions.entrySet()) {
            Histories.Loaded loaded = histories.get(entry.getKey());
            AccountPosition p = entry.getValue();
            ids[i] = entry.getKey();
            lines[i] = loaded.productLine();
            currencies[i] = loaded.history().currency().getCurrencyCode();
            zones[i] = loaded.history().zone().getId();
            asOf[i] = p.asOf().toString();
            balance[i] = p.balanceMinor();
            overdue[i] = p.overdueMinor();
            credit[i] = p.creditMinor();
            oldest[i] = text(p.oldestOverdueDueDate());
            oldestOpen[i] = text(p.oldestOpenDueDate());
            dpd[i] = p.daysPastDue();
            bucket[i] = p.bucket().label();
            validUntil[i] = text(p.validUntil());
            episodes[i] = p.episodes().size();
            DelinquencyEpisode last = p.episodes().isEmpty() ? null : p.episodes().getLast();
            since[i] = last != null && last.endedOn() == null ? last.startedOn().toString() : null;
            events[i] = loaded.history().bills().size() + loaded.history().payments().size()
                    + loaded.history().adjustments().size();
            for (DelinquencyEpisode e : p.episodes()) {
                episodeAccount.add(entry.getKey());
                episodeStart.add(e.startedOn().toString());
                episodeEnd.add(text(e.endedOn()));
                episodeMax.add(e.maxDaysPastDue());
            }
            i++;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                            insert into account_state (account_id, product_line, currency, time_zone, as_of,
                                balance_minor, overdue_minor, credit_minor, oldest_overdue_due, oldest_open_due,
                                days_past_due, bucket, valid_until, episodes, delinquent_since, events, updated_at)
                            select u.*, ? from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::date[],
                                ?::bigint[], ?::bigint[], ?::bigint[], ?::date[], ?::date[], ?::int[], ?::text[],
                                ?::date[], ?::int[], ?::date[], ?::int[]) as u
                            on conflict (account_id) do update set
                                product_line = excluded.product_line, currency = excluded.currency,
                                time_zone = excluded.time_zone, as_of = excluded.as_of,
                                balance_minor = excluded.balance_minor, overdue_minor = excluded.overdue_minor,
                                credit_minor = excluded.credit_minor, oldest_overdue_due = excluded.oldest_overdue_due,
                                oldest_open_due = excluded.oldest_open_due,
                                days_past_due = excluded.days_past_due, bucket = excluded.bucket,
                                valid_until = excluded.valid_until, episodes = excluded.episodes,
                                delinquent_since = excluded.delinquent_since, events = excluded.events,
                                updated_at = excluded.updated_at""")
                    .params(now, ids, lines, currencies, zones, asOf, balance, overdue, credit, oldest, oldestOpen,
                            dpd, bucket, validUntil, episodes, since, events)
                    .update();
        jdbc.sql("delete from delinquency_episode where account_id = any(?)").param(ids).update();
        if (!episodeAccount.isEmpty()) {
            jdbc.sql("""
                            insert into delinquency_episode (account_id, started_on, ended_on, max_days_past_due)
                            select * from unnest(?::bigint[], ?::date[], ?::date[], ?::int[])""")
                    .params(episodeAccount.toArray(Long[]::new), episodeStart.toArray(String[]::new),
                            episodeEnd.toArray(String[]::new), episodeMax.toArray(Integer[]::new))
                    .update();
        }
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
