/**
 * The modelling kit, pure Java with no Spring and no SQL: datasets of numeric and categorical columns with missing
 * values, binning with weight of evidence and information value, logistic regression, scorecards with points, a
 * gradient-boosted challenger, stratified cross-validation and the usual metrics (AUC, KS, Gini, calibration,
 * population stability). Every function is deterministic for a given seed. Exposed as the named interface
 * {@code model} so the command line can evaluate models on any CSV without the application.
 */
@org.springframework.modulith.NamedInterface("model")
package dev.arrears.scoring.model;
