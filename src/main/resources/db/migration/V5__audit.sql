-- The audit trail: append-only entries chained by HMAC-SHA256 under a key that is not in the database
-- (docs/audit.md). Business transactions insert entries unsealed (position and link null) with the entry's own
-- HMAC in mac; the sealer, one at a time across nodes (advisory lock), gives committed entries consecutive
-- positions and links. A trigger refuses every other change: an update of anything but an unsealed entry's
-- position and link, every delete and every truncate.

-- Ids are handed out by the application in blocks of 1,000 (one nextval per block), because the entry's HMAC,
-- computed before the insert, covers its id.
create sequence audit_entry_ids increment by 1000 minvalue 1 start with 1;

create table audit_entry (
    id           bigint      primary key,
    occurred_at  timestamptz not null,
    kind         text        not null,
    actor        text        not null,
    subject_type text        not null,
    subject_id   text        not null,
    -- canonical JSON of ids and hashes, exactly the text the HMACs cover (text, not jsonb, which reorders keys)
    details      text        not null,
    -- HMAC-SHA256 of the entry's content (id, occurred_at, kind, actor, subject, details)
    mac          bytea       not null check (length(mac) = 32),
    -- set together by the sealer: the entry's place in the chain (1, 2, …) and HMAC(previous link, position, mac)
    position     bigint      unique check (position > 0),
    link         bytea       check (length(link) = 32),
    check ((position is null) = (link is null))
);

-- What the sealer reads: unsealed entries in id order; small, as entries are sealed within a second or so.
create index audit_entry_unsealed_idx on audit_entry (id) where position is null;
-- The auditors' most common question: everything about one customer, account, strategy or user.
create index audit_entry_subject_idx on audit_entry (subject_type, subject_id, position);
-- Time ranges: entries are inserted roughly in time order, so a BRIN index is nearly free to keep.
create index audit_entry_occurred_brin on audit_entry using brin (occurred_at);

create function audit_entry_refuse() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only: % on audit_entry refused', tg_op
        using errcode = 'restrict_violation',
              hint = 'only the sealer may set position and link of an unsealed entry';
end
$$;

-- The sealer's own update (position and link from null to values, nothing else) does not match the condition,
-- so it calls no function at all; every other update does and is refused.
create trigger audit_entry_no_update
    before update on audit_entry
    for each row
    when (old.position is not null or old.link is not null or new.position is null or new.link is null
          or (new.id, new.occurred_at, new.kind, new.actor, new.subject_type, new.subject_id, new.details, new.mac)
             is distinct from
             (old.id, old.occurred_at, old.kind, old.actor, old.subject_type, old.subject_id, old.details, old.mac))
    execute function audit_entry_refuse();

create trigger audit_entry_no_delete
    before delete on audit_entry
    for each statement
    execute function audit_entry_refuse();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement
    execute function audit_entry_refuse();
