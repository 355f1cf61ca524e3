/**
 * CSV import of ledger records: a streaming RFC 4180 reader, header-driven mapping of rows to the raw records that
 * the intake validates, and a parsing thread that feeds the bulk writer in chunks. {@link
 * dev.arrears.ledger.importing.ImportKind} and {@link dev.arrears.ledger.importing.ImportResult} appear in the
 * ledger façade, so this package is a named interface of the ledger module.
 */
@org.springframework.modulith.NamedInterface("importing")
package dev.arrears.ledger.importing;
