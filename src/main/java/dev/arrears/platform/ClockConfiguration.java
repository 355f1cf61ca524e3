package dev.arrears.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one source of business time. {@code arrears.clock.fixed} (an instant, or a date meaning noon UTC of
 * that day) pins it, for demos and tests; otherwise it is the system clock in UTC.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock clock(@Value("${arrears.clock.fixed:${ARREARS_CLOCK_FIXED:}}") String fixed) {
        if (fixed == null || fixed.isBlank()) {
            return Clock.systemUTC();
        }
        Instant instant = fixed.length() == 10
                ? LocalDate.parse(fixed).atTime(12, 0).toInstant(ZoneOffset.UTC)
                : Instant.parse(fixed);
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
