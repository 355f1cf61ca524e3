-- The due date of the oldest item still open (overdue or not yet due; null when nothing is open): the anchor of
-- collection ladders ("due-3d", "due+7d") for readers of account_state. Like the other figures it holds from
-- as_of until valid_until; it does not change with time alone.
alter table account_state add column oldest_open_due date;

-- Existing rows: while something is overdue the oldest open item is the oldest overdue one, and nothing is open
-- without a positive balance (an account holds no credit while an item is open). Rows with only items not yet
-- due cannot be filled in SQL: valid_until = as_of marks them stale, and the next refresh recomputes them.
update account_state set oldest_open_due = oldest_overdue_due where overdue_minor > 0;
update account_state set valid_until = as_of where balance_minor > 0 and overdue_minor = 0;
