-- The collector workbench: a call task is assigned to one collector at a time, by the collector's own claim (which
-- lapses at assigned_until, so an abandoned task returns to the pool) or by a supervisor. claimed_by/claimed_at
-- (V9) stay the dial's hold while a call is under way; the assignment is who works the task.
alter table call_task
    add column assignee       text,
    add column assigned_at    timestamptz,
    add column assigned_by    text,
    add column assigned_until timestamptz;

-- The open queue, highest priority first: "next task" walks this index in order and stops at the first due,
-- unassigned (or lapsed) row, so it reads a handful of index entries however long the queue is.
create index call_task_open_priority_idx on call_task (priority desc, due_at, id) where state = 'OPEN';

-- A collector's own tasks and the supervisors' per-assignee counts.
create index call_task_assignee_idx on call_task (assignee, priority desc) where state in ('OPEN', 'CLAIMED');
