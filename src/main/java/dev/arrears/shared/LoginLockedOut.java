package dev.arrears.shared;

import java.time.Instant;

/**
 * Repeated failed sign-ins locked a user name or a client address until {@code until}. The name is the one typed,
 * which may be no user's (the audit trail keeps only a fingerprint of such names), and the client address is kept
 * in the trail only as a fingerprint.
 *
 * @param scope "user" when the name's failures locked it, "client" when the address's did
 */
public record LoginLockedOut(String attemptedName, String clientAddress, String scope, Instant until, Instant at) {
}
