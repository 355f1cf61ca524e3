/** The dashboard's arithmetic: rates, medians and roll rates from pre-aggregated rows; pure functions. */
package dev.arrears.reporting.domain;
