/** The scoring module's JSON API. */
package dev.arrears.scoring.web;
