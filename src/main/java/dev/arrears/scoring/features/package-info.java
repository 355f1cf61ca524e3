/**
 * The scoring features: their catalogue and the one streaming read that computes them as of a date without reading
 * anything dated after it.
 */
package dev.arrears.scoring.features;
