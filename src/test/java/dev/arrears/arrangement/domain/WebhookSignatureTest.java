package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.WebhookSignature.Bad;
import dev.arrears.arrangement.domain.WebhookSignature.Good;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Arrears webhook signature as a table: good, bad, stale, missing and malformed headers. */
class WebhookSignatureTest {

    static final byte[] SECRET = "whsec-test-0123456789".getBytes(StandardCharsets.UTF_8);
    static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    static final long T = NOW.getEpochSecond();

    /** Returns the header a sender with {@code secret} makes for {@code body} at {@code secondsAgo} before now. */
    private static String signed(byte[] body, byte[] secret, long secondsAgo) {
        return WebhookSignature.sign(body, secret, NOW.minusSeconds(secondsAgo));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fresh                         | 0    | true
            signed four minutes ago       | 240  | true
            signed exactly five minutes ago | 300 | true
            signed five minutes and a second ago | 301 | false
            signed an hour ago            | 3600 | false
            signed five minutes ahead     | -300 | true
            signed six minutes ahead      | -360 | false
            """)
    void timestampWithinFiveMinutes_isAccepted(String situation, long secondsAgo, boolean good) {
        var check = WebhookSignature.verify(signed(BODY, SECRET, secondsAgo), BODY, SECRET, NOW);
        assertThat(check instanceof Good).as(situation).isEqualTo(good);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            missing header               | NULL
            blank header                 | '  '
            no v1                        | t=1795406400
            no t                         | v1=0000000000000000000000000000000000000000000000000000000000000000
            t not a number               | t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000
            v1 too short                 | t=1795406400,v1=abcd
            v1 not hex                   | t=1795406400,v1=zz00000000000000000000000000000000000000000000000000000000000000
            no equals sign               | t1795406400
            two timestamps               | t=1795406400,t=1795406400,v1=0000000000000000000000000000000000000000000000000000000000000000
            wrong tag                    | t=1795406400,v1=0000000000000000000000000000000000000000000000000000000000000000
            """)
    void missingMalformedOrWrongHeader_isBad(String situation, String header) {
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW)).as(situation).isInstanceOf(Bad.class);
    }

    @Test
    void otherSecret_isBad() {
        String header = signed(BODY, "another-secret".getBytes(StandardCharsets.UTF_8), 0);
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW))
                .isEqualTo(new Bad("the signature does not match"));
    }

    @Test
    void alteredBody_isBad() {
        String header = signed(BODY, SECRET, 0);
        byte[] altered = "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(header, altered, SECRET, NOW)).isInstanceOf(Bad.class);
    }

    @Test
    void noSecretConfigured_isBad() {
        assertThat(WebhookSignature.verify(signed(BODY, SECRET, 0), BODY, new byte[0], NOW)).isInstanceOf(Bad.class);
    }

    @Test
    void oneMatchingTagAmongSeveral_isGood() {
        String good = signed(BODY, SECRET, 0);
        String header = "t=" + T + ",v1=" + "0".repeat(64) + "," + good.substring(good.indexOf("v1=")) + ",v0=old";
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW)).isEqualTo(new Good(NOW));
    }

    @Test
    void upperCaseHexAndBlanks_areGood() {
        String good = signed(BODY, SECRET, 0);
        String header = " t=" + T + " , v1=" + good.substring(good.indexOf("v1=") + 3).toUpperCase();
        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW)).isInstanceOf(Good.class);
    }
}
