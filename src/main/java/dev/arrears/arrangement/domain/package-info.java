/**
 * Pure rules of arrangements and payments: promises, plans, settlements, approval limits and the webhook signature
 * scheme; plain functions of their inputs and the date. No Spring, no SQL, no clock of its own.
 */
@org.springframework.modulith.NamedInterface("domain")
package dev.arrears.arrangement.domain;
