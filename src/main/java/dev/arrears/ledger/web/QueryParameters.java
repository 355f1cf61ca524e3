package dev.arrears.ledger.web;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.shared.BadParameterException;
import dev.arrears.shared.Parameters;

import java.math.BigDecimal;
import java.time.LocalDate;

import static dev.arrears.shared.Parameters.abbreviate;
import static dev.arrears.shared.Parameters.present;

/**
 * Reads query parameters of the read API, naming the parameter in every complaint. Blank means absent.
 */
final class QueryParameters {

    /** Page size when none is asked for, and the largest allowed. */
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    private QueryParameters() {
    }

    /** Returns the date of an {@code asOf} parameter, or null (today) when absent. */
    static LocalDate asOf(String text) {
        Parameters parameters = new Parameters();
        LocalDate date = parameters.date("asOf", text);
        parameters.check();
        return date;
    }

    /** Returns the filter of the account list from its raw parameters. */
    static AccountFilter accountFilter(String bucket, String productLine, String minOverdue, String query,
                                       String page, String size) {
        Parameters parameters = new Parameters();
        AgingBucket agingBucket = null;
        if (present(bucket)) {
            try {
                agingBucket = AgingBucket.parse(bucket.strip());
            } catch (IllegalArgumentException e) {
                parameters.problem("bucket", e.getMessage());
            }
        }
        ProductLine line = parameters.oneOf("productLine", productLine, ProductLine.class);
        BigDecimal overdue = null;
        if (present(minOverdue)) {
            String text = minOverdue.strip();
            if (!text.matches("\\d+(\\.\\d+)?") || text.length() > 30) {
                parameters.problem("minOverdue", "'" + abbreviate(minOverdue)
                        + "' is not a non-negative decimal amount in major units such as 100.00");
            } else {
                overdue = new BigDecimal(text);
            }
        }
        int pageNumber = parameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        parameters.check();
        String q = present(query) ? query.strip() : null;
        return new AccountFilter(agingBucket, line, overdue, q, pageNumber, pageSize);
    }

    /** Returns a numeric id from a path segment. */
    static long id(String parameter, String text) {
        if (text == null || !text.strip().matches("\\d{1,18}")) {
            throw new BadParameterException(parameter, "'" + abbreviate(String.valueOf(text)) + "' is not an id");
        }
        return Long.parseLong(text.strip());
    }
}
