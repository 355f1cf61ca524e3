package dev.arrears.contact;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * A module that plans contacts of its own besides the strategies' ladder (the arrangement module's instalment
 * reminders), each a planned action whose source key starts with the module's {@link #prefix()}
 * ({@code Cycles.planContacts}). Dispatch carries such a contact like a ladder step, guard and rendering included,
 * but the ladder's holds (a paused ladder, a promise or plan hold, nothing overdue) do not stop it: dispatch asks its
 * owner instead, in the hand-over transaction after the account's ledger state row is share-locked, so a payment
 * committed before is seen. A dispute still holds it.
 */
public interface ContactSource {

    /** Returns the prefix of the source keys this module plans, e.g. {@code "plan:"}. */
    String prefix();

    /**
     * Reviews contacts about to be handed over, by source key, at {@code now}: each may go with what its message
     * says, or stops with a reason. A key missing from the answer stops ("no longer planned").
     */
    Map<String, Review> review(Collection<String> sources, Instant now);

    /** Whether a contact may go: a stop reason, or null with the instalment its message is about (may be null). */
    record Review(String stop, RenderContext.Instalment instalment) {

        /** The contact may go, about an instalment. */
        public static Review go(RenderContext.Instalment instalment) {
            return new Review(null, instalment);
        }

        /** The contact stops for a reason. */
        public static Review stop(String reason) {
            return new Review(reason, null);
        }
    }
}
