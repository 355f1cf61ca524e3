package dev.arrears.privacy.logging;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes real log lines through SLF4J into the application's logging set-up ({@code logback-spring.xml}) and reads
 * the console: messages and stack traces come out masked, in Spring Boot's console format.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ConsoleMaskingTest {

    private static final Logger log = LoggerFactory.getLogger("dev.arrears.contact.Dispatch");

    @Test
    void logLineThroughSlf4j_comesOutMaskedInTheConsoleFormat(CapturedOutput output) {
        log.warn("SMS to {} bounced; customer wrote from {} with id {}", "+8613812345678", "jane.doe@example.com",
                "110101199003071234");

        String line = output.getOut().lines().filter(l -> l.contains("SMS to")).findFirst().orElseThrow();
        assertThat(line).endsWith(" : SMS to +86138****5678 bounced; customer wrote from j***@example.com with id "
                        + "1101**********1234")
                .contains(" WARN ").contains("dev.arrears.contact.Dispatch");
        assertThat(output.getOut()).doesNotContain("13812345678", "jane.doe", "110101199003071234");
    }

    @Test
    void stackTraceMessage_comesOutMasked(CapturedOutput output) {
        log.error("Dispatch failed", new IllegalStateException("no route to 212-555-0100 for QQ123456C"));

        assertThat(output.getOut()).contains("java.lang.IllegalStateException: no route to 21*-***-0100 for QQ******C")
                .doesNotContain("212-555-0100", "QQ123456C");
    }
}
