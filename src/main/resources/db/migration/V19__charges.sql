-- Late fees and interest (docs/charges.md). Each charge is also a DEBIT_NOTE adjustment in the ledger (adjustment_ref
-- is its external reference, deterministic, so a repeated run posts nothing twice); this table says what kind of
-- charge it is, which rule made it and on what.
create table charge (
    id             bigint generated always as identity primary key,
    account_id     bigint not null references account (id),
    bill_id        bigint not null references bill (id),
    kind           text   not null check (kind in ('FEE', 'INTEREST')),
    rule_id        text   not null,
    period_from    date   not null,
    period_to      date   not null,
    base_minor     bigint not null check (base_minor >= 0),
    amount_minor   bigint not null check (amount_minor > 0),
    currency       char(3) not null,
    adjustment_ref text   not null unique,
    charged_on     date   not null,
    created_at     timestamptz not null,
    check (period_from <= period_to)
);
create index charge_bill on charge (bill_id);
create index charge_account on charge (account_id);
