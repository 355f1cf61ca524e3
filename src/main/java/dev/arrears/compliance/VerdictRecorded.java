package dev.arrears.compliance;

import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.List;

/**
 * A verdict on a real contact was stored: which contact (account, customer, the caller's idempotency key such
 * as a dispatch job), the decision and the rule ids that decided it, and a SHA-256 hash of the request as
 * evaluated (no personal data). Published inside the storing transaction.
 */
public record VerdictRecorded(long verdictId, Long accountId, Long customerId, String contactKey, String profile,
                              Channel channel, Decision decision, List<String> rules, String requestSha256,
                              Instant at) {
}
