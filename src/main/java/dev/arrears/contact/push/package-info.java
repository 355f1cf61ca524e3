/**
 * The push channel over HTTP: each cleared push message is POSTed as JSON to a configured gateway with a bearer
 * token and an {@code Idempotency-Key}, a batch with bounded parallelism, and the gateway's HTTP status mapped to
 * dispatch's ACCEPTED, TRANSIENT (with {@code Retry-After}) or PERMANENT ({@link
 * dev.arrears.contact.push.PushChannelSender}). Internal to the contact module: the dispatch calls it.
 */
package dev.arrears.contact.push;
