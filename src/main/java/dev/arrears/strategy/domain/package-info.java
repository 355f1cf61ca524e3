/**
 * Pure strategy decisions: the definition records, the documented facts that conditions read, compiled
 * conditions, champion/challenger assignment, the interim risk score and the ladder evaluation that turns an
 * account's facts and a date into a decision with its trace. No Spring, no SQL, no clock. Exposed as the named
 * interface {@code domain} because the cycle builds facts and applies decisions.
 */
@org.springframework.modulith.NamedInterface("domain")
package dev.arrears.strategy.domain;
