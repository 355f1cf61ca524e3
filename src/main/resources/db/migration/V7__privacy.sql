-- Erasure of a customer's personal data (docs/privacy.md). The customer row and its ids stay, because the ledger's
-- bills, payments and adjustments must be kept for the accounting retention period; its name becomes "erased-<id>"
-- and erased_at says when. Its contact points keep their kind, consents and opt-outs, but the address itself is
-- replaced by the placeholder "erased"; where the customer had opted out of a channel, value_sha256 keeps the
-- SHA-256 of the normalised address, so that the opt-out can still be honoured (a new record with that address
-- matches the digest) without the address being stored.
alter table customer add column erased_at timestamptz;
alter table contact_point add column value_sha256 text;
create index contact_point_value_sha256_idx on contact_point (value_sha256) where value_sha256 is not null;
