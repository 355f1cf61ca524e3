package dev.arrears.compliance;

import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.RequestDigest;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.shared.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * A verdict on a real contact, to be stored in the verdict log: which contact (account, customer and the caller's
 * idempotency key, e.g. a dispatch job id; every check is stored, so one key may have several rows), under which
 * profile and version, what was asked and when, the verdict, and the SHA-256 of the request as evaluated.
 */
public record VerdictEntry(Long accountId, Long customerId, String contactKey, String profile,
                           String profileVersion, Channel channel, Purpose purpose, String debtId,
                           Instant evaluatedAt, Verdict verdict, String requestSha256) {

    public VerdictEntry {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(verdict, "verdict");
        if (!isSha256Hex(requestSha256)) {
            throw new IllegalArgumentException("requestSha256 must be 64 lower-case hex digits");
        }
    }

    /**
     * Returns the entry for a request evaluated under its jurisdiction profile: channel, purpose, debt, instant
     * and hash are taken from the request.
     */
    public static VerdictEntry of(Long accountId, Long customerId, String contactKey, String profileVersion,
                                  ContactRequest request, Verdict verdict) {
        return new VerdictEntry(accountId, customerId, contactKey, request.jurisdiction(), profileVersion,
                request.channel(), request.purpose(), request.debtId(), request.at(), verdict,
                RequestDigest.sha256(request));
    }

    private static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
