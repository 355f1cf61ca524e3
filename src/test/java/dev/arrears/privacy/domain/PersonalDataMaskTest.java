package dev.arrears.privacy.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskTest {

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            call +8613812345678 now                  => call +86138****5678 now
            +86 138 1234 5678                        => +86 138 **** 5678
            0086 138 1234 5678                       => 0086 138 **** 5678
            13812345678                              => 138****5678
            138-1234-5678                            => 138-****-5678
            8613812345678                            => 86138****5678
            手机13812345678已停机                      => 手机138****5678已停机
            phone=13812345678;                       => phone=138****5678;
            +12125550100                             => +121****0100
            +1 (212) 555-0100                        => +1 (21*) ***-0100
            (212) 555-0100                           => (21*) ***-0100
            212-555-0100                             => 21*-***-0100
            1-212-555-0100                           => 1-21*-***-0100
            +44 20 7946 0958                         => +44 20 **** 0958
            +44 (0)20 7946 0958                      => +44 (0)20 **** 0958
            020 7946 0958                            => 020 **** 0958
            07700 900123                             => 077** **0123
            +3531234567                              => +35****4567
            jane.doe@example.com                     => j***@example.com
            to <zhang.san@qq.com>, cc 13800138000@139.com => to <z***@qq.com>, cc 1***@139.com
            x@mail.co.uk                             => x***@mail.co.uk
            id 110101199003071234 given              => id 1101**********1234 given
            11010119900307123X                       => 1101**********123X
            SSN 123-45-6789.                         => SSN ***-**-6789.
            NI QQ123456C                             => NI QQ******C
            NI QQ 12 34 56 C                         => NI QQ ** ** ** C
            """)
    void masksPersonalData(String text, String masked) {
        assertThat(PersonalDataMask.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2026-11-23T04:00:00.000Z INFO 12345 --- [main] dev.arrears.Ledger",
            "cycle id=7 as_of=2026-05-01 state=DONE accounts=120000 actions=9000 opened=50 closed=5 seconds=1.23",
            "bulk write 1234 ms; state of 5000 accounts from memory and 20 from the database in 87 ms",
            "from 192.168.100.200 port 54321",
            "request 550e8400-e29b-41d4-a716-446655440000 done",
            "amount 1234567.89 CNY on account ACC-0012345678 and bill B-20260901-000123",
            "epoch millis 1763870400000 and nanos 1763870400000000000",
            "dates 01-02-2026 and 2026/11/23, 23.11.2026, version 4.1.2",
            "user@ without a domain and @handle",
            "customer CUST-7 erased-42 on 2026-11-23"})
    void leavesOtherTextAlone(String text) {
        assertThat(PersonalDataMask.mask(text)).isSameAs(text);
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            no numbers here                          => false
            took 1234 ms for 56 rows                 => false
            12:34:56                                 => false
            138 1234 5678                            => true
            a@b                                      => true
            AB 12 34 56 C                            => true
            """)
    void preCheckLooksOnlyAtAtSignsAndRunsOfSixDigits(String text, boolean worthALook) {
        assertThat(PersonalDataMask.mayContain(text)).isEqualTo(worthALook);
    }

    @Test
    void nullStaysNull() {
        assertThat(PersonalDataMask.mask(null)).isNull();
    }

    @Test
    void longTokenWithoutAddresses_isScannedInLinearTime() {
        String token = "a1b2c3d4e5".repeat(20_000) + " 123456";
        long started = System.nanoTime();
        String masked = PersonalDataMask.mask(token);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(masked).isSameAs(token);
        assertThat(millis).isLessThan(500);
    }
}
