package dev.arrears.bank.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * One booked credit of a camt file (an entry, or one transaction of a batch entry), or, with {@code returned}, a
 * booked debit that reverses an earlier credit (a returned payment). {@code dedupKey} is the bank account and the
 * account servicer reference ({@code <account>|<ref>}), or a hash of the credit's content when the bank gave no
 * reference ({@code <account>|h:<hex>}); it is the same in a statement and a notification of the same booking.
 *
 * @param entryNumber    the entry's position in the file, from 1
 * @param txNumber       the transaction's position in its entry, from 1 (1 for an entry without details)
 * @param line           the line of the entry's start tag, for messages
 * @param amountMinor    minor units of {@code currency}
 * @param bookedAt       the booking date-time, or the booking date at noon UTC (the same date from UTC-11 to UTC+11)
 * @param structuredRefs creditor references of the structured remittance ({@code RmtInf/Strd/CdtrRefInf/Ref})
 * @param remittance     the unstructured remittance lines ({@code RmtInf/Ustrd}) and additional information, joined
 */
public record BankCredit(String dedupKey, String bankAccount, String servicerRef, int entryNumber, int txNumber,
                         int line, long amountMinor, Currency currency, LocalDate bookingDate, LocalDate valueDate,
                         Instant bookedAt, String endToEndId, String debtorName, List<String> structuredRefs,
                         String remittance, boolean returned) {

    public BankCredit {
        structuredRefs = List.copyOf(structuredRefs);
    }
}
