package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.TimelineEntry;

import java.util.List;

/**
 * The guard's verdicts on an account's real contacts, as timeline lines (kind VERDICT). The seam to the compliance
 * module's verdict store: until it is connected, {@link AttemptVerdictLog} reads the verdicts dispatch itself wrote
 * into its attempt log.
 */
public interface VerdictLog {

    /** Returns the verdicts on contacts about the account, in any order. */
    List<TimelineEntry> verdicts(long accountId);
}
