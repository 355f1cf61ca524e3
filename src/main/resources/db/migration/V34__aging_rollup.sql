-- Today's portfolio aging, pre-aggregated (issue 8: the pages read pre-aggregated figures, not scans).
--
-- account_state rows are summed by everything the aging of a later date needs: zone (whose local date it is),
-- product line, currency, the oldest overdue due date (days past due on date d is d - oldest_overdue_due) and the
-- date until which the row's figures hold. Today's aging is then a read of a few thousand rows, bucketed in Java,
-- and a key whose valid_until has come (or whose rows were computed as of a later date, max_as_of, after a clock
-- went back) tells that stale rows exist without scanning account_state.
--
-- Writers never update a shared row: statement-level triggers on account_state append the statement's net change
-- to aging_delta (insert only, so concurrent writers take no common lock); a scheduled compaction
-- (AgingCompaction) folds the deltas into aging_rollup in one transaction. A reader sums both in one statement, so
-- it sees exactly the committed account_state rows of its snapshot.
create table aging_rollup (
    time_zone          text    not null,
    product_line       text    not null,
    currency           char(3) not null,
    oldest_overdue_due date,
    valid_until        date,
    accounts           bigint  not null,
    balance_minor      bigint  not null,
    overdue_minor      bigint  not null,
    -- the latest as_of of the rows ever added under this key (never lowered: only a hint that rows may be dated
    -- after today, which sends the reader to the scan)
    max_as_of          date,
    constraint aging_rollup_key unique nulls not distinct
        (time_zone, product_line, currency, oldest_overdue_due, valid_until)
);

create table aging_delta (
    time_zone          text    not null,
    product_line       text    not null,
    currency           char(3) not null,
    oldest_overdue_due date,
    valid_until        date,
    accounts           bigint  not null,
    balance_minor      bigint  not null,
    overdue_minor      bigint  not null,
    max_as_of          date
);

create function aging_delta_on_insert() returns trigger language plpgsql as $$
begin
    insert into aging_delta
    select time_zone, product_line, currency, oldest_overdue_due, valid_until,
           count(*), sum(balance_minor), sum(overdue_minor), max(as_of)
    from new_rows
    group by time_zone, product_line, currency, oldest_overdue_due, valid_until;
    return null;
end $$;

create function aging_delta_on_update() returns trigger language plpgsql as $$
begin
    insert into aging_delta
    select time_zone, product_line, currency, oldest_overdue_due, valid_until,
           sum(n), sum(balance_minor), sum(overdue_minor), max(as_of)
    from (select time_zone, product_line, currency, oldest_overdue_due, valid_until,
                 1 as n, balance_minor, overdue_minor, as_of
          from new_rows
          union all
          select time_zone, product_line, currency, oldest_overdue_due, valid_until,
                 -1, -balance_minor, -overdue_minor, null
          from old_rows) c
    group by time_zone, product_line, currency, oldest_overdue_due, valid_until
    having sum(n) <> 0 or sum(balance_minor) <> 0 or sum(overdue_minor) <> 0 or max(as_of) is not null;
    return null;
end $$;

create function aging_delta_on_delete() returns trigger language plpgsql as $$
begin
    insert into aging_delta
    select time_zone, product_line, currency, oldest_overdue_due, valid_until,
           -count(*), -sum(balance_minor), -sum(overdue_minor), null
    from old_rows
    group by time_zone, product_line, currency, oldest_overdue_due, valid_until;
    return null;
end $$;

create trigger account_state_aging_insert after insert on account_state
    referencing new table as new_rows for each statement execute function aging_delta_on_insert();
create trigger account_state_aging_update after update on account_state
    referencing old table as old_rows new table as new_rows for each statement execute function aging_delta_on_update();
create trigger account_state_aging_delete after delete on account_state
    referencing old table as old_rows for each statement execute function aging_delta_on_delete();

-- TRUNCATE fires no row-level bookkeeping: empty the rollup with it.
create function aging_on_truncate() returns trigger language plpgsql as $$
begin
    delete from aging_rollup;
    delete from aging_delta;
    return null;
end $$;

create trigger account_state_aging_truncate after truncate on account_state
    for each statement execute function aging_on_truncate();

insert into aging_rollup
select time_zone, product_line, currency, oldest_overdue_due, valid_until,
       count(*), sum(balance_minor), sum(overdue_minor), max(as_of)
from account_state
group by time_zone, product_line, currency, oldest_overdue_due, valid_until;
