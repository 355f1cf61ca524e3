-- A settlement paid in full ends the instalment plan it supersedes: the plan is SETTLED ("settlement 12 paid"), in
-- the transaction that writes off the rest of the balance (docs/arrangements.md).
alter table plan drop constraint plan_state_check;
alter table plan add constraint plan_state_check
    check (state in ('ACTIVE', 'COMPLETED', 'DEFAULTED', 'CANCELLED', 'SETTLED'));

-- A plan may cover part of the balance (docs/arrangements.md): covered_minor is what it covers, balance_minor the
-- balance when it was made. A plan over part of the balance pauses the ladder only while nothing is overdue outside
-- it. The plans made before covered the whole balance.
alter table plan add column balance_minor bigint;
update plan set balance_minor = covered_minor;
alter table plan alter column balance_minor set not null;
alter table plan add constraint plan_covered_within_balance check (covered_minor <= balance_minor);
