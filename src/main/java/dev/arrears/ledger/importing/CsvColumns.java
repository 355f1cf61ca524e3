package dev.arrears.ledger.importing;

import java.util.List;

/**
 * The header columns of each import kind, required ones first. Column names are the JSON field names; a bill's
 * line item columns carry a {@code line} prefix because each row holds one line item.
 */
record CsvColumns(List<String> required, List<String> optional) {

    static final String LINE_DESCRIPTION = "lineDescription";
    static final String LINE_CATEGORY = "lineCategory";
    static final String LINE_AMOUNT = "lineAmount";

    /** The bill columns that every row of one bill repeats. */
    static final List<String> BILL_COLUMNS = List.of("externalRef", "accountRef", "issueDate", "dueDate", "currency",
            "total");

    /** The contact columns of a customer, in the order their contact points are listed. */
    static final List<String> CONTACT_COLUMNS = List.of("phone", "email", "postalAddress", "pushToken");

    /** Returns the columns of a kind. */
    static CsvColumns of(ImportKind kind) {
        return switch (kind) {
            case CUSTOMERS -> new CsvColumns(List.of("externalRef", "name", "type", "locale", "timeZone"),
                    List.of("phone", "email", "postalAddress", "pushToken", "consents", "optOuts"));
            case ACCOUNTS -> new CsvColumns(List.of("externalRef", "customerRef", "productLine", "currency",
                    "openedOn"), List.of("status", "creditLimit"));
            case BILLS -> new CsvColumns(List.of("externalRef", "accountRef", "issueDate", "dueDate", "currency",
                    "total", LINE_DESCRIPTION, LINE_CATEGORY, LINE_AMOUNT), List.of());
            case PAYMENTS -> new CsvColumns(List.of("externalRef", "accountRef", "amount", "currency", "receivedAt"),
                    List.of("method", "reference"));
            case ADJUSTMENTS -> new CsvColumns(List.of("externalRef", "accountRef", "type", "amount", "currency",
                    "reason", "effectiveDate"), List.of("billRef", "dueDate"));
        };
    }

    /** Returns true when the column belongs to the kind. */
    boolean knows(String column) {
        return required.contains(column) || optional.contains(column);
    }

    /** Returns every column, required first, for messages. */
    String describe() {
        return String.join(",", required) + (optional.isEmpty() ? "" : " (optional: " + String.join(",", optional)
                + ")");
    }
}
