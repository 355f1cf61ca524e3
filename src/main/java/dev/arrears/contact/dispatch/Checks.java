package dev.arrears.contact.dispatch;

import dev.arrears.compliance.ContactCheck;
import dev.arrears.compliance.domain.CandidateZones;
import dev.arrears.compliance.domain.CandidateZones.Candidates;
import dev.arrears.compliance.ContactCheck.CollectorRole;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.shared.Channel;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the guard's request for a real contact from what the ledger and the history hold: the account is the
 * debt, the customer's consents and opt-outs come from their contact points, the candidate zones, country and
 * region from the account's zone and the phone numbers' areas ({@link CandidateZones}), and the debt is
 * commercial for B2B invoices and business customers.
 */
final class Checks {

    private Checks() {
    }

    /** Returns the request for a contact with the customer at an address about an account. */
    static ContactCheck of(String contactKey, CurrentState state, CustomerView customer, ContactPoint address,
                           Channel channel, Message message, boolean automated, List<Attempt> history) {
        List<String> phones = customer.contactPoints().stream().filter(p -> p.kind() == ContactKind.PHONE)
                .map(ContactPoint::value).toList();
        // every zone the debtor may be in: the account's, and those of the phones' areas (a +1 617 number: Boston)
        Candidates candidates = CandidateZones.of(state.timeZone(), phones);
        Selection selection = selection(state, customer, candidates);
        Set<Channel> consents = EnumSet.noneOf(Channel.class);
        List<OptOut> optOuts = new ArrayList<>();
        for (ContactPoint p : customer.contactPoints()) {
            consents.addAll(p.consents());
            for (Channel c : p.optOuts()) {
                optOuts.add(new OptOut(c, p.value()));
            }
        }
        return new ContactCheck(contactKey, state.accountId(), customer.id(), selection, channel, Purpose.COLLECT,
                String.valueOf(state.accountId()), Recipient.DEBTOR, new Address(AddressKind.PERSONAL, address.value()),
                message, automated, candidates.zones(), consents, optOuts, history);
    }

    /** Returns what selects the jurisdiction profile of a contact about the account (its disclosures, its rules). */
    static Selection selection(CurrentState state, CustomerView customer) {
        List<String> phones = customer.contactPoints().stream().filter(p -> p.kind() == ContactKind.PHONE)
                .map(ContactPoint::value).toList();
        return selection(state, customer, CandidateZones.of(state.timeZone(), phones));
    }

    private static Selection selection(CurrentState state, CustomerView customer, Candidates candidates) {
        DebtType debtType = state.productLine() == ProductLine.B2B_INVOICE || customer.type() == CustomerType.BUSINESS
                ? DebtType.COMMERCIAL : DebtType.CONSUMER;
        return new Selection(candidates.country(), candidates.region(), state.productLine().name(),
                CollectorRole.FIRST_PARTY, debtType);
    }

    /** Returns the rule ids of a verdict, comma-separated. */
    static String rules(Verdict verdict) {
        return verdict.reasons().stream().map(Verdict.Reason::rule).collect(Collectors.joining(", "));
    }

    /** Returns a verdict's reasons, one line each: rule, citation, message. */
    static String reasons(Verdict verdict) {
        return verdict.reasons().stream()
                .map(r -> r.rule() + " (" + r.citation() + "): " + r.message())
                .collect(Collectors.joining("\n"));
    }
}
