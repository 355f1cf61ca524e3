-- The latest score of each account is derived data: every scoring run rewrites it from the ledger and the active
-- model (the cycle scores before it evaluates). Unlogged, a run's million-row rewrite writes no WAL, which halved the
-- cost of the write (docs/scoring.md, Performance). The price: after a crash of PostgreSQL (not after a clean stop)
-- the table is empty until the next scoring run; meanwhile an account without a row gets the interim rule in the
-- cycle's read and is scored on the spot by the API. It is not copied to streaming replicas either. The history of
-- scores (account_score_history) stays logged: it is the record.
alter table account_score set unlogged;
