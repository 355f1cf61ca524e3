package dev.arrears.ledger;

import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * The validated records that enter the ledger, from JSON, CSV or the demo generator. References to other
 * records are external references; amounts are minor units of the record's currency.
 */
public final class Commands {

    private Commands() {
    }

    /** A customer with its contact points. */
    public record RegisterCustomer(String externalRef, String name, CustomerType type, String locale, ZoneId timeZone,
                                   List<ContactPoint> contactPoints) {
        public RegisterCustomer {
            contactPoints = List.copyOf(contactPoints);
        }
    }

    /** A phone (E.164), e-mail, postal address or push token, with the channels it may and may not be used for. */
    public record ContactPoint(ContactKind kind, String value, Set<Channel> consents, Set<Channel> optOuts) {
        public ContactPoint {
            consents = Set.copyOf(consents);
            optOuts = Set.copyOf(optOuts);
        }

        /** Returns true when the customer consented to the channel here and has not opted out of it. */
        public boolean usableFor(Channel channel) {
            return consents.contains(channel) && !optOuts.contains(channel);
        }
    }

    /** An account of a customer in one currency. */
    public record OpenAccount(String externalRef, String customerRef, ProductLine productLine, Currency currency,
                              AccountStatus status, LocalDate openedOn, Long creditLimitMinor) {
    }

    /** A bill whose total is the sum of its lines. */
    public record IssueBill(String externalRef, String accountRef, LocalDate issueDate, LocalDate dueDate,
                            Currency currency, long totalMinor, List<BillLine> lines) {
        public IssueBill {
            lines = List.copyOf(lines);
        }
    }

    /** One line item of a bill; may be negative (a discount) as long as the bill total is not. */
    public record BillLine(String description, LineCategory category, long amountMinor) {
    }

    /** A payment received; {@code reference} is the remittance text and may name a bill. */
    public record PostPayment(String externalRef, String accountRef, long amountMinor, Currency currency,
                              Instant receivedAt, PaymentMethod method, String reference) {
    }

    /** A credit note, debit note or waiver, for a bill ({@code billRef}) or for the account. */
    public record RecordAdjustment(String externalRef, String accountRef, String billRef, AdjustmentType type,
                                   long amountMinor, Currency currency, String reason, LocalDate effectiveDate,
                                   LocalDate dueDate) {
    }

    /** Takes back a payment: a returned direct debit or a chargeback. */
    public record ReversePayment(ReversalReason reason, Instant reversedAt) {
    }

    public enum CustomerType { PERSON, BUSINESS }

    public enum ContactKind {
        PHONE(Set.of(Channel.SMS, Channel.CALL)),
        EMAIL(Set.of(Channel.EMAIL)),
        POSTAL(Set.of(Channel.LETTER, Channel.VISIT)),
        PUSH(Set.of(Channel.PUSH));

        private final Set<Channel> channels;

        ContactKind(Set<Channel> channels) {
            this.channels = channels;
        }

        /** Returns the channels that can use a contact point of this kind. */
        public Set<Channel> channels() {
            return channels;
        }
    }

    public enum ProductLine { TELECOM_POSTPAID, BROADBAND, WALLET_CREDIT, B2B_INVOICE, UTILITY, OTHER }

    public enum AccountStatus { ACTIVE, SUSPENDED, CLOSED, WRITTEN_OFF }

    public enum LineCategory { SERVICE, USAGE, FEE, INTEREST, TAX, OTHER }

    public enum PaymentMethod { BANK_TRANSFER, DIRECT_DEBIT, CARD, CASH, ALIPAY, WECHAT_PAY, WALLET, CHEQUE, OTHER }

    public enum ReversalReason { RETURNED_DEBIT, CHARGEBACK, ERROR }

    /** Locales Arrears writes to customers in. */
    public static final Set<String> LOCALES = Set.of("zh-CN", "zh-TW", "en");
}
