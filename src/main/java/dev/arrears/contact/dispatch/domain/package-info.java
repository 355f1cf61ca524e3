/**
 * Pure decisions of dispatch: whether a contact must stop (paid, hold, closed case), retry backoff with jitter,
 * token buckets for per-channel rates, call task priority, which contact point a channel uses, and the country that
 * selects a jurisdiction. No Spring, no SQL, no clock: instants, dates, random draws and nanosecond ticks are passed
 * in.
 */
package dev.arrears.contact.dispatch.domain;
