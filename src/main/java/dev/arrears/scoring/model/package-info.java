/**
 * The modelling kit, pure Java with no Spring and no SQL: datasets of numeric and categorical columns with missing
 * values, binning with weight of evidence and information value, logistic regression, scorecards with points, a
 * gradient-boosted challenger, stratified cross-validation and the usual metrics (AUC, KS, Gini, calibration,
 * population stability). Every function is deterministic for a given seed.
 */
package dev.arrears.scoring.model;
