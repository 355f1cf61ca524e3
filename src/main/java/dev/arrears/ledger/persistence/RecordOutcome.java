package dev.arrears.ledger.persistence;

import dev.arrears.ledger.intake.Issue;

import java.util.List;

/**
 * What happened to one record of a bulk write. {@code id} is the internal id for CREATED and UNCHANGED.
 * INVALID: a reference or currency does not fit the ledger; CONFLICT: the external reference exists with other
 * content, and the issues name the fields that differ.
 */
public record RecordOutcome(Status status, long id, List<Issue> issues) {

    public enum Status { CREATED, UNCHANGED, INVALID, CONFLICT }

    public static RecordOutcome created(long id) {
        return new RecordOutcome(Status.CREATED, id, List.of());
    }

    public static RecordOutcome unchanged(long id) {
        return new RecordOutcome(Status.UNCHANGED, id, List.of());
    }

    public static RecordOutcome invalid(String path, String detail) {
        return new RecordOutcome(Status.INVALID, 0, List.of(new Issue(path, detail)));
    }

    public static RecordOutcome conflict(List<Issue> issues) {
        return new RecordOutcome(Status.CONFLICT, 0, issues);
    }

    public boolean written() {
        return status == Status.CREATED || status == Status.UNCHANGED;
    }
}
