package dev.arrears.contact.dispatch;

import dev.arrears.contact.ContactViews.TimelineEntry;

import java.util.List;

/**
 * The guard's verdicts on an account's real contacts, as timeline lines (kind VERDICT), read from the compliance
 * module's verdict store by {@link StoredVerdicts}.
 */
public interface VerdictLog {

    /** Returns the verdicts on contacts about the account, in any order. */
    List<TimelineEntry> verdicts(long accountId);
}
