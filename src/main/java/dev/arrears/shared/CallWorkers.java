package dev.arrears.shared;

/**
 * Who may be given call tasks. The platform's users answer (names, roles, enabled); the contact module asks when a
 * supervisor assigns a task. An interface here so that neither module depends on the other.
 */
public interface CallWorkers {

    /** Returns true when the name is an enabled user holding a role that works call tasks on the workbench. */
    boolean mayWorkCalls(String username);
}
