-- A settlement paid in full ends the instalment plan it supersedes: the plan is SETTLED ("settlement 12 paid"), in
-- the transaction that writes off the rest of the balance (docs/arrangements.md).
alter table plan drop constraint plan_state_check;
alter table plan add constraint plan_state_check
    check (state in ('ACTIVE', 'COMPLETED', 'DEFAULTED', 'CANCELLED', 'SETTLED'));
