/**
 * Pure personal-data decisions: the masking of phone numbers, e-mail addresses and national ids in free text (log
 * lines). No Spring, no SQL, no clock.
 */
package dev.arrears.privacy.domain;
