package dev.arrears.compliance;

import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.shared.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A verdict entry carries the request's SHA-256 as 64 lower-case hex digits, nothing else. */
class VerdictEntryTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static VerdictEntry entry(String sha256) {
        return new VerdictEntry(1L, 2L, "job-1", "CN-NIFA", "1", Channel.SMS, Purpose.COLLECT, null,
                Instant.parse("2026-12-03T08:00:00Z"), new Verdict(Decision.ALLOW, null, List.of()), sha256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", ""})
    void refusesAnythingButSixtyFourLowerCaseHexDigits(String sha256) {
        assertThatIllegalArgumentException().isThrownBy(() -> entry(sha256)).withMessageContaining("requestSha256");
        assertThatIllegalArgumentException().isThrownBy(() -> entry(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {HASH, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"})
    void keepsAHash(String sha256) {
        assertThat(entry(sha256).requestSha256()).isEqualTo(sha256);
    }
}
