/** Training and test sets from the portfolio's history: features as of a date, labels from the days after it. */
package dev.arrears.scoring.training;
