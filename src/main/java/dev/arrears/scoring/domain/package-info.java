/**
 * Pure scoring decisions: grade cut-offs and the interim points rule as a model over the features. No SQL, no
 * clock.
 */
package dev.arrears.scoring.domain;
