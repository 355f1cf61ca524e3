package dev.arrears.compliance;

import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.shared.Channel;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A real contact about to be made, as the caller (dispatch, a collector dialling) knows it: its idempotency key,
 * account and customer, what selects the jurisdiction profile, the contact itself, what the ledger knows of the
 * debtor (zones, consents, opt-outs) and the contact history. The guard adds the debtor's stored flags and times,
 * evaluates at its clock's instant, stores the verdict and answers with a {@link Checked}.
 *
 * @param debtId the debt the contact is about: the account id as a decimal string
 */
public record ContactCheck(String contactKey, long accountId, long customerId, Selection selection, Channel channel,
                           Purpose purpose, String debtId, Recipient recipient, Address address, Message message,
                           boolean automated, List<ZoneId> timeZones, Set<Channel> consents, List<OptOut> optOuts,
                           List<Attempt> history) {

    public ContactCheck {
        timeZones = timeZones == null ? List.of() : List.copyOf(timeZones);
        consents = consents == null || consents.isEmpty() ? Set.of() : Set.copyOf(consents);
        optOuts = optOuts == null ? List.of() : List.copyOf(optOuts);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * What selects the jurisdiction profile: the debtor's country (ISO 3166-1 alpha-2) and region (ISO 3166-2,
     * null when unknown), the business line (ledger product line name), who collects, and the debt type.
     */
    public record Selection(String country, String region, String productLine, CollectorRole collectorRole,
                            DebtType debtType) {
    }

    /** A business collecting its own bills, or an agency collecting for it. */
    public enum CollectorRole { FIRST_PARTY, AGENCY }
}
