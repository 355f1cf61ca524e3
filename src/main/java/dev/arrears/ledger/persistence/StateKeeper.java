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

    /** Accounts per slice of {@link #writeFresh}: small enough that replaying one hides behind writing another. */
    static final int FRESH_SLICE = 25_000;

    /**
     * Computes and stores the state of accounts whose whole history is in memory (they had none before this
     * transaction). The row is only replaced while it still says "no history"; returns the accounts where a
     * concurrent writer got there first, which the caller recomputes from the database.
     *
     * <p>Works in slices of {@link #FRESH_SLICE} accounts as a pipeline: while PostgreSQL updates the state rows
     * of one slice (one core), the next slice is replayed on another thread, so the replay of a big import costs
     * little more than its first slice.
     */
    static List<Long> writeFresh(JdbcClient jdbc, java.sql.Connection connection, Clock clock,
                                 Map<Long, Histories.Loaded> histories, Map<Long, AccountPosition> kept,
                                 boolean keep) {
        if (histories.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                create temp table if not exists fresh_state (
                    account_id bigint, as_of date, balance_minor bigint, overdue_minor bigint, credit_minor bigint,
                    oldest_overdue_due date, oldest_open_due date, days_past_due int, bucket text,
                    valid_until date, episodes int, delinquent_since date, events int) on commit delete rows""")
                .update();
        // The join below hashes every fresh row of a slice: give it the memory to do it in one pass.
        jdbc.sql("set local work_mem = '256MB'").update();
        long started = System.nanoTime();
        long waited = 0;
        long[] phases = new long[3];
        List<Histories.Loaded> all = new ArrayList<>(histories.values());
        int slices = (all.size() + FRESH_SLICE - 1) / FRESH_SLICE;
        // The first slice alone uses both cores; later ones are replayed on one while PostgreSQL writes.
        AccountPosition[] first = replay(clock, all, 0, Math.min(all.size(), FRESH_SLICE), true);
        long firstReplay = System.nanoTime() - started;
        java.util.concurrent.CompletableFuture<AccountPosition[]> next =
                java.util.concurrent.CompletableFuture.completedFuture(first);
        java.util.Set<Long> done = new java.util.HashSet<>(all.size() * 2);
        try {
            for (int slice = 0; slice < slices; slice++) {
                int from = slice * FRESH_SLICE;
                int to = Math.min(all.size(), from + FRESH_SLICE);
                long waiting = System.nanoTime();
                AccountPosition[] computed = next.join();
                waited += System.nanoTime() - waiting;
                if (to < all.size()) {
                    int nextTo = Math.min(all.size(), to + FRESH_SLICE);
                    next = java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> replay(clock, all, to, nextTo, false), REPLAY);
                }
                writeSlice(jdbc, connection, clock, all.subList(from, to), computed, done, phases);
                if (keep) {
                    for (int i = 0; i < computed.length; i++) {
                        kept.put(all.get(from + i).accountId(), computed[i]);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write account states", e);
        }
        LOG.debug("fresh states of {} accounts in {} slices: {} ms; first replay {} ms, waiting for later replays {}"
                        + " ms, copy {} ms, update {} ms, episodes {} ms", all.size(), slices,
                (System.nanoTime() - started) / 1_000_000, firstReplay / 1_000_000, waited / 1_000_000,
                phases[0] / 1_000_000, phases[1] / 1_000_000, phases[2] / 1_000_000);
        List<Long> lost = new ArrayList<>();
        for (Long id : histories.keySet()) {
            if (!done.contains(id)) {
                lost.add(id);
            }
        }
        return lost;
    }

    /** Replays the whole histories of a range of fresh accounts to today, in each account's zone. */
    private static AccountPosition[] replay(Clock clock, List<Histories.Loaded> all, int from, int to,
                                            boolean parallel) {
        AccountPosition[] computed = new AccountPosition[to - from];
        IntStream indexes = IntStream.range(0, computed.length);
        (parallel ? indexes.parallel() : indexes).forEach(i -> {
            AccountHistory history = all.get(from + i).history();
            computed[i] = Positions.asOf(history, LocalDate.now(clock.withZone(history.zone())));
        });
        return computed;
    }

    /** One thread that replays the next slice of fresh accounts while the caller's thread writes this one. */
    private static final java.util.concurrent.Executor REPLAY = task -> Thread.ofVirtual()
            .name("fresh-state-replay").start(task);

    /**
     * Writes one slice of fresh states: COPY into {@code fresh_state}, one UPDATE of the rows that still have no
     * history (adding their ids to {@code done}), and the delinquency episodes of those rows.
     */
    private static void writeSlice(JdbcClient jdbc, java.sql.Connection connection, Clock clock,
                                   List<Histories.Loaded> slice, AccountPosition[] computed, java.util.Set<Long> done,
                                   long[] phases) throws java.sql.SQLException {
        long t0 = System.nanoTime();
        CopyRows rows = new CopyRows(connection, "copy fresh_state from stdin");
        for (int i = 0; i < computed.length; i++) {
            Histories.Loaded loaded = slice.get(i);
            AccountPosition p = computed[i];
            DelinquencyEpisode last = p.episodes().isEmpty() ? null : p.episodes().getLast();
            rows.field(loaded.accountId()).field(p.asOf()).field(p.balanceMinor()).field(p.overdueMinor())
                    .field(p.creditMinor()).field(p.oldestOverdueDueDate()).field(p.oldestOpenDueDate())
                    .field(p.daysPastDue())
                    .field(p.bucket().label()).field(p.validUntil()).field(p.episodes().size())
                    .field(last != null && last.endedOn() == null ? last.startedOn() : null)
                    .field(loaded.history().bills().size() + loaded.history().payments().size()
                            + loaded.history().adjustments().size())
                    .endRow();
        }
        rows.finish();
        jdbc.sql("analyze fresh_state").update();
        long t1 = System.nanoTime();
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
                .param(clock.instant().toString()).query(Long.class).list();
        long t2 = System.nanoTime();
        java.util.Set<Long> owned = new java.util.HashSet<>(written);
        done.addAll(written);
        // Episodes only for the rows this transaction still owned: an account that another writer got to first
        // is recomputed from the database by the caller, episodes included.
        CopyRows episodeRows = new CopyRows(connection,
                "copy delinquency_episode (account_id, started_on, ended_on, max_days_past_due) from stdin");
        for (int i = 0; i < computed.length; i++) {
            long accountId = slice.get(i).accountId();
            if (owned.contains(accountId)) {
                for (DelinquencyEpisode e : computed[i].episodes()) {
                    episodeRows.field(accountId).field(e.startedOn()).field(e.endedOn())
                            .field(e.maxDaysPastDue()).endRow();
                }
            }
        }
        episodeRows.finish();
        jdbc.sql("truncate fresh_state").update();
        long t3 = System.nanoTime();
        phases[0] += t1 - t0;
        phases[1] += t2 - t1;
        phases[2] += t3 - t2;
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
