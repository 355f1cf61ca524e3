package dev.arrears.audit.domain;

import java.security.MessageDigest;

/**
 * Verifies the chain one sealed entry at a time, in position order, keeping only the previous link: the entry
 * at each position must be there (no gap), its MAC must match its content and its link must follow from the
 * link before it. Remembers the first position that fails and counts every entry it is given.
 */
public final class ChainWalk {

    private final Chain chain;
    private byte[] previous = Chain.GENESIS;
    private long expected = 1;
    private long entries;
    private long brokenAt;

    public ChainWalk(ChainKey key) {
        this.chain = new Chain(key);
    }

    /** Takes the next sealed entry by position; returns false once the chain is broken (later entries are counted). */
    public boolean accept(long position, EntryContent content, byte[] mac, byte[] link) {
        entries++;
        if (brokenAt != 0) {
            return false;
        }
        if (position != expected) {
            // a missing position (deleted entry) or a position out of order: the chain breaks where it was expected
            brokenAt = expected;
            return false;
        }
        if (mac == null || link == null || !MessageDigest.isEqual(mac, chain.entryMac(content))
                || !MessageDigest.isEqual(link, chain.link(previous, position, mac))) {
            brokenAt = position;
            return false;
        }
        previous = link;
        expected++;
        return true;
    }

    /** Returns the number of entries taken. */
    public long entries() {
        return entries;
    }

    /** Returns true while every entry taken verified. */
    public boolean ok() {
        return brokenAt == 0;
    }

    /** Returns the position of the first entry that does not verify, or 0 when all did. */
    public long brokenAt() {
        return brokenAt;
    }

    /** Returns the last verified link (the genesis value before any entry). */
    public byte[] head() {
        return previous.clone();
    }
}
