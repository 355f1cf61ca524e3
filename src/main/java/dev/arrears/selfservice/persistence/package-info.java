/** The {@code complaint} and {@code portal_feedback} tables (V20). */
package dev.arrears.selfservice.persistence;
