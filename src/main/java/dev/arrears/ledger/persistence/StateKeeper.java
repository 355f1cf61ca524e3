package dev.arrears.ledger.persistence;

import dev.arrears.ledger.domain.AccountPosition;
import dev.arrears.ledger.domain.AccountPosition.DelinquencyEpisode;
import dev.arrears.ledger.domain.Positions;
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

/**
 * Keeps {@code account_state} and {@code delinquency_episode} equal to what {@link Positions} says of each
 * account today (in the account's zone): recomputes given accounts in batches and writes them set-based.
 */
final class StateKeeper {

    static final int BATCH = 2_000;

    private StateKeeper() {
    }

    /** Recomputes and stores the state of the accounts; returns the positions when {@code keep} is set. */
    static Map<Long, AccountPosition> recompute(JdbcClient jdbc, Clock clock, Collection<Long> accountIds,
                                                boolean keep) {
        Map<Long, AccountPosition> kept = new LinkedHashMap<>();
        Long[] all = accountIds.toArray(Long[]::new);
        for (int from = 0; from < all.length; from += BATCH) {
            Long[] batch = Arrays.copyOfRange(all, from, Math.min(all.length, from + BATCH));
            Map<Long, Histories.Loaded> histories = Histories.load(jdbc, batch);
            Map<Long, AccountPosition> positions = new LinkedHashMap<>();
            histories.forEach((id, loaded) -> positions.put(id, Positions.asOf(loaded.history(),
                    LocalDate.now(clock.withZone(loaded.history().zone())))));
            write(jdbc, clock, histories, positions);
            if (keep) {
                kept.putAll(positions);
            }
        }
        return kept;
    }

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
        Integer[] dpd = new Integer[n];
        String[] bucket = new String[n];
        String[] validUntil = new String[n];
        Integer[] episodes = new Integer[n];
        String[] since = new String[n];
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
            dpd[i] = p.daysPastDue();
            bucket[i] = p.bucket().label();
            validUntil[i] = text(p.validUntil());
            episodes[i] = p.episodes().size();
            DelinquencyEpisode last = p.episodes().isEmpty() ? null : p.episodes().getLast();
            since[i] = last != null && last.endedOn() == null ? last.startedOn().toString() : null;
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
                        insert into account_state (account_id, product_line, currency, time_zone, as_of, balance_minor,
                            overdue_minor, credit_minor, oldest_overdue_due, days_past_due, bucket, valid_until,
                            episodes, delinquent_since, updated_at)
                        select u.*, ? from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::date[], ?::bigint[],
                            ?::bigint[], ?::bigint[], ?::date[], ?::int[], ?::text[], ?::date[], ?::int[], ?::date[]) as u
                        on conflict (account_id) do update set
                            product_line = excluded.product_line, currency = excluded.currency,
                            time_zone = excluded.time_zone, as_of = excluded.as_of,
                            balance_minor = excluded.balance_minor, overdue_minor = excluded.overdue_minor,
                            credit_minor = excluded.credit_minor, oldest_overdue_due = excluded.oldest_overdue_due,
                            days_past_due = excluded.days_past_due, bucket = excluded.bucket,
                            valid_until = excluded.valid_until, episodes = excluded.episodes,
                            delinquent_since = excluded.delinquent_since, updated_at = excluded.updated_at""")
                .params(now, ids, lines, currencies, zones, asOf, balance, overdue, credit, oldest, dpd, bucket,
                        validUntil, episodes, since)
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
