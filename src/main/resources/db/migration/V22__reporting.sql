-- Reporting: daily pre-aggregated figures for the dashboard, written by the reporting module's cycle step (and its
-- backfill), so that the dashboard reads a few thousand rows and never scans the portfolio. docs/dashboard.md
-- defines every metric and names the SQL that fills it.

-- Flows of one day (as_of, a local date of the cycle) by product line, strategy and variant ('-': none). Each row is
-- additive over days and dimensions: value is a numerator, count a denominator or a plain count (see the metric).
create table kpi_daily (
    as_of        date    not null,
    product_line text    not null,
    strategy     text    not null,
    variant      text    not null,
    metric       text    not null,
    key          text    not null default '',   -- a sub-division: a close reason, a channel, a number of days
    value        numeric not null default 0,
    count        bigint  not null default 0,
    primary key (as_of, metric, product_line, strategy, variant, key)
);
create index kpi_daily_metric_idx on kpi_daily (metric, as_of);

-- The portfolio at the start of a cycle date (after the ledger's state rows were made valid for it), by bucket.
create table aging_daily (
    as_of         date   not null,
    product_line  text   not null,
    strategy      text   not null,
    variant       text   not null,
    currency      char(3) not null,
    bucket        smallint not null,   -- 0 CURRENT, 1 1-30, 2 31-60, 3 61-90, 4 91-180, 5 181+
    accounts      bigint not null,
    balance_minor bigint not null,
    overdue_minor bigint not null,
    primary key (as_of, product_line, strategy, variant, currency, bucket)
);

-- Roll rates: each account's bucket at the start of the month (the base, replaced once a month), and the matrix of
-- moves from the previous base to the new one, labelled with the month the move ended in.
create table roll_base (
    account_id   bigint   primary key,
    taken_on     date     not null,
    product_line text     not null,
    strategy     text     not null,
    variant      text     not null,
    bucket       smallint not null
);

create table roll_monthly (
    month        date     not null,   -- the first day of the month the roll ended in
    from_on      date     not null,   -- the base's date
    to_on        date     not null,
    product_line text     not null,
    strategy     text     not null,
    variant      text     not null,
    from_bucket  smallint not null,
    to_bucket    smallint not null,
    accounts     bigint   not null,
    primary key (month, product_line, strategy, variant, from_bucket, to_bucket)
);

-- The daily step reads one day of cases, promises and contacts: indexes on the dates it reads by, so that its cost
-- does not grow with the history. None of these columns changes often (HOT updates of a case survive).
create index if not exists collection_case_opened_on_idx on collection_case (opened_on);
create index if not exists collection_case_closed_on_idx on collection_case (closed_on) where closed_on is not null;
create index if not exists planned_action_planned_on_idx on planned_action (planned_on) where channel is not null;
create index if not exists promise_ended_on_idx on promise (ended_on) where ended_on is not null;
