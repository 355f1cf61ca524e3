-- The account list's order for the overdue accounts (issue 8: the first page of a million accounts without a sort of
-- every state row). Partial: a state row owing nothing overdue is not in it, so the import of bills not yet due and
-- the payments of accounts that are current keep their HOT updates; those rows are listed after the overdue ones, by
-- account id, through the primary key (LedgerStore.accounts).
create index account_state_overdue_list_idx on account_state (overdue_minor desc, oldest_overdue_due, account_id)
    where overdue_minor > 0;
