/** Pure rules of payments: the webhook signature scheme. No Spring, no SQL, no clock of its own. */
package dev.arrears.arrangement.domain;
