package dev.arrears.selfservice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The portal's ratings over a period ({@code from} inclusive, {@code to} exclusive): how many, their average to two
 * decimals (null when there are none) and the count of each rating 1 to 5.
 */
public record FeedbackSummary(Instant from, Instant to, long count, BigDecimal average, Map<Integer, Long> byRating) {
}
