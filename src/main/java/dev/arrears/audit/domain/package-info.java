/**
 * The chain's arithmetic, pure: the canonical bytes of an entry, its HMAC, the link that chains it to the one
 * before, the walk that finds the first entry that does not verify, and the canonical JSON of an entry's details.
 * No Spring, no SQL, no clock.
 */
package dev.arrears.audit.domain;
