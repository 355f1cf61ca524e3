/** SQL of the scoring module: models, scores and their history. */
package dev.arrears.scoring.persistence;
