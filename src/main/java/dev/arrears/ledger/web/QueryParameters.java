package dev.arrears.ledger.web;

import dev.arrears.shared.BadParameterException;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.AccountFilter;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.shared.BadParameterException.BadParameter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
        List<BadParameter> problems = new ArrayList<>();
        LocalDate date = date("asOf", text, problems);
        failOn(problems);
        return date;
    }

    /** Returns the filter of the account list from its raw parameters. */
    static AccountFilter accountFilter(String bucket, String productLine, String minOverdue, String query,
                                       String page, String size) {
        List<BadParameter> problems = new ArrayList<>();
        AgingBucket agingBucket = null;
        if (present(bucket)) {
            try {
                agingBucket = AgingBucket.parse(bucket.strip());
            } catch (IllegalArgumentException e) {
                problems.add(new BadParameter("bucket", e.getMessage()));
            }
        }
        ProductLine line = null;
        if (present(productLine)) {
            line = Arrays.stream(ProductLine.values()).filter(p -> p.name().equalsIgnoreCase(productLine.strip()))
                    .findFirst().orElse(null);
            if (line == null) {
                problems.add(new BadParameter("productLine", "'" + abbreviate(productLine) + "' is not one of "
                        + Arrays.stream(ProductLine.values()).map(Enum::name).collect(Collectors.joining(", "))));
            }
        }
        BigDecimal overdue = null;
        if (present(minOverdue)) {
            String text = minOverdue.strip();
            if (!text.matches("\\d+(\\.\\d+)?") || text.length() > 30) {
                problems.add(new BadParameter("minOverdue", "'" + abbreviate(minOverdue)
                        + "' is not a non-negative decimal amount in major units such as 100.00"));
            } else {
                overdue = new BigDecimal(text);
            }
        }
        int pageNumber = integer("page", page, 0, 0, Integer.MAX_VALUE, problems);
        int pageSize = integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems);
        failOn(problems);
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

    private static LocalDate date(String parameter, String text, List<BadParameter> problems) {
        if (!present(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new BadParameter(parameter, "'" + abbreviate(text) + "' is not a date such as 2026-06-30"));
            return null;
        }
    }

    private static int integer(String parameter, String text, int defaultValue, int min, int max,
                               List<BadParameter> problems) {
        if (!present(text)) {
            return defaultValue;
        }
        String stripped = text.strip();
        if (stripped.matches("-?\\d{1,10}")) {
            long value = Long.parseLong(stripped);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        problems.add(new BadParameter(parameter, "'" + abbreviate(text) + "' is not a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max)));
        return defaultValue;
    }

    private static void failOn(List<BadParameter> problems) {
        if (!problems.isEmpty()) {
            throw new BadParameterException(problems);
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
