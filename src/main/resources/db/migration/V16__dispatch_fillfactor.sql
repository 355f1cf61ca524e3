-- Dispatch rewrites its rows after inserting them: a job's delivery receipt (delivery, delivered_at, updated_at)
-- and a hand-over's provider ids and outcome (provider_ids, outcome, detail, finished_at), none of them indexed.
-- Room left free on each page lets PostgreSQL put the new row version beside the old one without touching the
-- indexes (a HOT update), which is most of the cost of these updates at dispatch rates. Applies to pages written
-- from now on.
alter table dispatch_job set (fillfactor = 70);
alter table dispatch_attempt set (fillfactor = 80);
