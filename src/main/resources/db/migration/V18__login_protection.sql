-- Login protection: failed sign-ins by user name and by client address, and the locks they cause.
-- Both keys are SHA-256 hex digests: people type passwords into the user name field, and addresses identify people.
create table login_failure (
    id         bigint generated always as identity primary key,
    user_key   text        not null,
    client_key text        not null,
    failed_at  timestamptz not null
);

create index login_failure_user_idx on login_failure (user_key, failed_at);
create index login_failure_client_idx on login_failure (client_key, failed_at);

-- 'user:<sha256 of the lower-cased name>' or 'client:<sha256 of the address>'
create table login_lock (
    lock_key     text primary key,
    locked_until timestamptz not null
);
