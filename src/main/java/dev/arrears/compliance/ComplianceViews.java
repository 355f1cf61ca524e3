package dev.arrears.compliance;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Read models of the compliance facts and the verdict log. */
public final class ComplianceViews {

    private ComplianceViews() {
    }

    /**
     * One time a flag was set, for all of the customer's debts ({@code debtId} null) or one, and its clearing if
     * it was cleared; current while {@code clearedAt} is null.
     */
    public record FlagView(long id, long customerId, Flag flag, String debtId, Instant setAt, String setBy,
                           String reason, Instant clearedAt, String clearedBy, String clearReason) {

        /** Returns true while the flag stands. */
        public boolean current() {
            return clearedAt == null;
        }
    }

    /** The outcome of setting or clearing a flag: {@code changed} is false when it was already so (nothing written). */
    public record FlagChange(boolean changed, FlagView flag) {
    }

    /** The customer's stated contact times; {@code updatedAt} and {@code updatedBy} are null when never stated. */
    public record ContactTimesView(List<LocalTimeRange> inconvenient, List<InstantRange> consented,
                                   Instant updatedAt, String updatedBy) {

        public static final ContactTimesView NONE = new ContactTimesView(List.of(), List.of(), null, null);

        public ContactTimesView {
            inconvenient = List.copyOf(inconvenient);
            consented = List.copyOf(consented);
        }
    }

    /**
     * What compliance knows of a customer: current flags with who set them, when and why, the full flag history
     * (newest first), the debts disputed one by one, the stated contact times and the latest stored verdicts.
     */
    public record ComplianceView(long customerId, List<FlagView> flags, List<FlagView> history,
                                 Set<String> disputedDebtIds, ContactTimesView times, List<VerdictView> verdicts) {
    }

    /**
     * A stored verdict on a real contact: which contact, under which profile, what was asked (channel, purpose,
     * debt) at which instant, the decision with its reasons, and the SHA-256 of the request as evaluated.
     */
    public record VerdictView(long id, Long accountId, Long customerId, String contactKey, String profile,
                              String profileVersion, Channel channel, Purpose purpose, String debtId,
                              Instant evaluatedAt, Verdict verdict, String requestSha256, Instant recordedAt) {
    }

    /** A page of stored verdicts, newest first. */
    public record VerdictPage(List<VerdictView> items, int page, int size, long total) {
    }
}
