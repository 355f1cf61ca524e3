package dev.arrears.privacy.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedJsonMembersTest {

    /** Encodes one event as the file log does: Spring Boot's ECS encoder with the customizer the properties name. */
    private static String ecsLine(String message, Throwable error, Object... arguments) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), new MockEnvironment()
                .withProperty("logging.structured.json.customizer", MaskedJsonMembers.class.getName()));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();
        LoggingEvent event = new LoggingEvent(MaskedJsonMembersTest.class.getName(),
                context.getLogger("dev.arrears.contact.Dispatch"), Level.WARN, message, error, arguments);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void ecsFileLine_masksTheMessageAndTheStackTrace() {
        String line = ecsLine("SMS to {} bounced; wrote to {}", new IllegalStateException(
                "Key (value)=(110101199003071234) already exists"), "+8613812345678", "jane.doe@example.com");

        assertThat(line).contains("\"message\":\"SMS to +86138****5678 bounced; wrote to j***@example.com\"")
                .contains("1101**********1234")
                .doesNotContain("13812345678", "jane.doe", "110101199003071234");
    }

    @Test
    void ecsFileLine_withoutPersonalData_keepsItsText() {
        String line = ecsLine("cycle id={} as_of={} accounts={}", null, 7, "2026-05-01", 120000);

        assertThat(line).contains("\"message\":\"cycle id=7 as_of=2026-05-01 accounts=120000\"")
                .contains("\"logger\":\"dev.arrears.contact.Dispatch\"");
    }
}
