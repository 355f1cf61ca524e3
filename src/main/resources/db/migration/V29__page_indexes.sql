-- Indexes for the pages over a large portfolio (issue 8: every page under 300 ms at the server with 1,000,000
-- accounts; `./arrears bench pages` measures them, docs/performance-pages.md has the figures).

-- The account list's search (ledger's LedgerStore.accounts): a substring of a name, a reference, a phone or an
-- e-mail, matched with lower(...) like '%text%'. Trigram indexes answer that without reading every row. pg_trgm
-- ships with PostgreSQL's contrib (the embedded server has it; on a managed server the migration's user needs
-- the right to create it).
create extension if not exists pg_trgm;
create index customer_name_trgm_idx on customer using gin (lower(name) gin_trgm_ops);
create index customer_ref_trgm_idx on customer using gin (lower(external_ref) gin_trgm_ops);
create index account_ref_trgm_idx on account using gin (lower(external_ref) gin_trgm_ops);
create index contact_point_value_trgm_idx on contact_point using gin (lower(value) gin_trgm_ops);

-- The account list's order (largest overdue first): the first page is the index's first rows.
create index account_state_overdue_idx on account_state (overdue_minor desc, oldest_overdue_due nulls last, account_id);

-- Today's stale state rows (LedgerStore.staleAccounts, run before every list and aging): found through these two
-- instead of a scan of every row (one condition per local date). Both columns change when a row is rewritten, so rewrites are no longer HOT
-- updates; the import and cycle figures in README.md were measured before this index.
create index account_state_zone_valid_until_idx on account_state (time_zone, valid_until);
create index account_state_zone_as_of_idx on account_state (time_zone, as_of);

-- The strategy's variant results (cycle's CaseQueries.variantResults): the cases of one strategy read from the
-- index alone, in variant and account order, so that the distinct accounts per variant need no sort.
create index collection_case_strategy_idx on collection_case (strategy, variant, account_id) include (status, close_reason);
