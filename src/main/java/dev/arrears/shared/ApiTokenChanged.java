package dev.arrears.shared;

import java.time.Instant;
import java.util.List;

/**
 * An administrator created or revoked an API token: recorded in the audit trail by token id, name and scopes,
 * never with the token itself (only its SHA-256 is ever stored).
 */
public record ApiTokenChanged(long tokenId, String name, List<String> scopes, boolean revoked, String actor,
                              Instant at) {

    public ApiTokenChanged {
        scopes = List.copyOf(scopes);
    }
}
