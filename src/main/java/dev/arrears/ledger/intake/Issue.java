package dev.arrears.ledger.intake;

/** A problem with one field of one record; {@code path} is relative to the record ("lines/0/amount"). */
public record Issue(String path, String detail) {
}
