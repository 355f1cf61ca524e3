-- Contacts another module plans besides the strategies' ladder (an instalment plan's reminders, docs/arrangements.md):
-- they hang on the account's open case like a ladder step, with a source key that names what they are about and
-- makes planning them idempotent ('plan:12:instalment:3:before'); no strategy decided them.
alter table planned_action add column source text;
alter table planned_action alter column strategy_version_id drop not null;
create unique index planned_action_source_idx on planned_action (source) where source is not null;
-- a ladder step is still planned once per case and ladder date; sourced contacts are unique by their key instead
drop index planned_action_step_idx;
create unique index planned_action_step_idx on planned_action (case_id, step, scheduled_on) where source is null;
