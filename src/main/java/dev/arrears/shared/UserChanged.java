package dev.arrears.shared;

import java.time.Instant;
import java.util.List;

/**
 * An administrator (or the command line) created, changed, disabled, enabled or unlocked a user, or reset its
 * password: recorded in the audit trail by user name, the change and the roles after it, never with a password.
 *
 * @param change one of CREATED, ROLES_CHANGED, DISABLED, ENABLED, PASSWORD_RESET, UNLOCKED
 */
public record UserChanged(String username, String change, List<String> roles, String actor, Instant at) {

    public UserChanged {
        roles = List.copyOf(roles);
    }
}
