package dev.arrears.contact;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything a template may say about one account, assembled by the caller (the dispatch, a preview) from the
 * ledger: the customer's name, the account's figures as minor units of its currency, the unpaid bills with their
 * lines, the links, the collector and the creditor, and the jurisdiction whose disclosures apply. Formatting
 * (amounts, dates, category names) and disclosure texts are the renderer's: the context holds raw values only.
 * Text values are never null (null becomes empty); lists are never null.
 *
 * @param locale        the language to render in: zh-CN, zh-TW or en
 * @param jurisdiction  the compliance profile id (US-REGF, UK-FCA, CN-NIFA …) that selects the disclosures; null
 *                      or empty for none beyond the opt-out line
 * @param today         the date of the message in the customer's zone: overdue days of bills count to it
 * @param customerName  the name to address the customer by
 * @param postalAddress the customer's postal address for letters, lines separated by line breaks; empty when none
 * @param paymentLink   the portal link ({@code https://…/portal/{token}})
 * @param optOutLink    the link that opts the address out of the channel (e-mail), empty when none
 * @param collectorName the collector or named account manager, empty when none is assigned
 * @param creditorName  who the debt is owed to, as the customer knows them
 * @param creditorPhone the customer service number to call, empty when none
 * @param instalment    the instalment of a plan the message reminds of (instalment reminders); null otherwise
 * @param reversal      the reversed payment a payment-reversed notice tells of; null otherwise
 */
public record RenderContext(String locale, String jurisdiction, LocalDate today, String customerName,
                            String postalAddress, Account account, List<Bill> bills, String paymentLink,
                            String optOutLink,
                            String collectorName, String creditorName, String creditorPhone, Instalment instalment,
                            Reversal reversal) {

    /** A context without a reversed payment. */
    public RenderContext(String locale, String jurisdiction, LocalDate today, String customerName,
                         String postalAddress, Account account, List<Bill> bills, String paymentLink,
                         String optOutLink, String collectorName, String creditorName, String creditorPhone,
                         Instalment instalment) {
        this(locale, jurisdiction, today, customerName, postalAddress, account, bills, paymentLink, optOutLink,
                collectorName, creditorName, creditorPhone, instalment, null);
    }

    /** A context without an instalment. */
    public RenderContext(String locale, String jurisdiction, LocalDate today, String customerName,
                         String postalAddress, Account account, List<Bill> bills, String paymentLink,
                         String optOutLink, String collectorName, String creditorName, String creditorPhone) {
        this(locale, jurisdiction, today, customerName, postalAddress, account, bills, paymentLink, optOutLink,
                collectorName, creditorName, creditorPhone, null);
    }

    public RenderContext {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(account, "account");
        jurisdiction = jurisdiction == null ? "" : jurisdiction;
        customerName = text(customerName);
        postalAddress = text(postalAddress);
        bills = bills == null ? List.of() : List.copyOf(bills);
        paymentLink = text(paymentLink);
        optOutLink = text(optOutLink);
        collectorName = text(collectorName);
        creditorName = text(creditorName);
        creditorPhone = text(creditorPhone);
    }

    /**
     * The account's figures; amounts are minor units of {@code currency} (an ISO 4217 code).
     *
     * @param number      the account number the customer knows (its external reference)
     * @param overdueDays days past due of the oldest overdue item, 0 when nothing is overdue
     * @param dueDate     the due date of the oldest item still open, overdue or not; null when nothing is open
     */
    public record Account(String number, String currency, long balanceMinor, long overdueMinor, int overdueDays,
                          LocalDate dueDate) {

        public Account {
            Objects.requireNonNull(currency, "currency");
            number = text(number);
        }
    }

    /**
     * An instalment of a plan, in the account's currency: its number (1 … {@code count}; the down payment is not
     * reminded of), the plan's instalment count, its due date (the account's zone), its amount, and what is left to
     * pay on the whole plan (this instalment and the later ones, less what was paid towards them).
     */
    public record Instalment(int number, int count, LocalDate dueDate, long amountMinor, long remainingMinor) {

        public Instalment {
            Objects.requireNonNull(dueDate, "dueDate");
        }
    }

    /**
     * A payment that was taken back (a returned direct debit, a chargeback): its amount in the account's currency
     * and the date it was made, in the customer's zone.
     */
    public record Reversal(long amountMinor, LocalDate paidOn) {

        public Reversal {
            Objects.requireNonNull(paidOn, "paidOn");
        }
    }

    /** An unpaid bill: its number, dates, total and what is still owed, in the account's currency. */
    public record Bill(String number, LocalDate issueDate, LocalDate dueDate, long totalMinor, long outstandingMinor,
                       List<Line> lines) {

        public Bill {
            Objects.requireNonNull(dueDate, "dueDate");
            number = text(number);
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /**
     * One line of a bill.
     *
     * @param category the ledger's line category (SERVICE, USAGE, FEE, INTEREST, TAX, OTHER), named per locale
     *                 when rendered; another value is shown as it is
     */
    public record Line(String description, String category, long amountMinor) {

        public Line {
            description = text(description);
            category = text(category);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
