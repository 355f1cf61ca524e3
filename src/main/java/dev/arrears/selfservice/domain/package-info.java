/**
 * Pure parts of the portal: the fixed-window rate counter and the checks of what a customer types (lengths,
 * choices). No Spring, no SQL, no clock: instants are passed in.
 */
package dev.arrears.selfservice.domain;
