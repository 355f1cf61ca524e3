-- The cycle counts each account's recent reversals (history.reversedPayments30d): a partial index keeps that read
-- to the few reversed payments instead of every payment of the accounts read.
create index payment_reversed_idx on payment (account_id, reversed_at) where reversed_at is not null;
