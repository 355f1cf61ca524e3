package dev.arrears.audit;

/**
 * The result of walking the chain: how many sealed entries there are, whether every one verified, the position of
 * the first that did not (null when ok), and the last verified link in hex (write it down: a later verification
 * whose chain no longer reaches it shows that entries were cut off the end).
 */
public record AuditVerification(long entries, boolean ok, Long brokenAt, String headLink) {

    /** Returns the command line's last line: {@code audit entries=<n> ok} or {@code audit broken at entry=<k>}. */
    public String line() {
        return ok ? "audit entries=" + entries + " ok" : "audit broken at entry=" + brokenAt;
    }
}
