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

-- No indexes on account_state here: ordering and stale-row indexes on it made every state rewrite non-HOT and cost
-- the CSV import 15-25 % (docs/performance-pages.md); the pages read it by scan until it is pre-aggregated.

-- The strategy's variant results (cycle's CaseQueries.variantResults): the cases of one strategy read from the
-- index alone, in variant and account order, so that the distinct accounts per variant need no sort.
create index collection_case_strategy_idx on collection_case (strategy, variant, account_id) include (status, close_reason);
