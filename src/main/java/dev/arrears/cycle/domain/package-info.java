/**
 * Pure case rules: given an account's situation, the strategy decision and the open case as it stood, what
 * changes (open, update, close), which steps to plan and which timeline events to record. No SQL, no clock.
 */
package dev.arrears.cycle.domain;
