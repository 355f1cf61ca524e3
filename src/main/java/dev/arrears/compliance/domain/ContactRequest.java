package dev.arrears.compliance.domain;

import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A proposed contact, asked about under one jurisdiction profile at one instant: who is contacted, through which
 * channel and address, for what purpose and about which debt, with the debtor's facts and the contact history.
 * {@code debtId}, {@code address} and {@code message} may be null; lists are never null.
 *
 * @param automated whether the call or message is placed by an automated system (US-CREDITOR: consent required)
 * @param debtType  consumer rules apply only to CONSUMER debts; COMMERCIAL debts get the window and holds only
 */
public record ContactRequest(String jurisdiction, Channel channel, Instant at, Purpose purpose, String debtId,
                             Recipient recipient, Address address, Message message, boolean automated,
                             DebtType debtType, Debtor debtor, List<Attempt> history) {

    public ContactRequest {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        purpose = purpose == null ? Purpose.COLLECT : purpose;
        recipient = recipient == null ? Recipient.DEBTOR : recipient;
        debtType = debtType == null ? DebtType.CONSUMER : debtType;
        debtor = debtor == null ? Debtor.NONE : debtor;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** Why a contact is made; cease and time-barred rules allow some purposes only. */
    public enum Purpose { COLLECT, ARRANGEMENT, TERMINATION_NOTICE, REMEDY_NOTICE, LEGAL_ACTION_NOTICE }

    /** Who receives the contact. */
    public enum Recipient { DEBTOR, ATTORNEY, THIRD_PARTY }

    /** Consumer debts get the consumer rules; commercial (B2B) debts only the window and holds. */
    public enum DebtType { CONSUMER, COMMERCIAL }

    /** The phone number, e-mail or other address used, and whether it is a workplace address. */
    public record Address(AddressKind kind, String value) {
        public Address {
            kind = kind == null ? AddressKind.PERSONAL : kind;
        }
    }

    /** PERSONAL, WORK, or a work address the debtor used with us or consented to. */
    public enum AddressKind { PERSONAL, WORK, WORK_USED_BY_DEBTOR }

    /** What the rendered message carries that rules look at. */
    public record Message(boolean hasOptOut) {
    }
}
