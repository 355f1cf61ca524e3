package dev.arrears.contact.reply;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StopRepliesTest {

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
            "STOP                 | true",
            "stop                 | true",
            "  Stop please        | true",
            "STOP.                | true",
            "ＳＴＯＰ               | true",
            "UNSUBSCRIBE          | true",
            "退订                  | true",
            "退订，谢谢              | true",
            "TD                   | true",
            "td                   | true",
            "退訂                  | true",
            "取消订阅               | true",
            "STOPPED paying?      | false",
            "I will pay tomorrow  | false",
            "Don't stop           | false",
            "我已经付款了            | false",
            "''                   | false",
    })
    void recognisesStopKeywordsAsTheFirstWord(String text, boolean stop) {
        assertThat(StopReplies.isStop(text)).isEqualTo(stop);
    }
}
