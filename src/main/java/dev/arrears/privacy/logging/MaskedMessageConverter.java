package dev.arrears.privacy.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.arrears.privacy.domain.PersonalDataMask;

/**
 * The {@code %m}, {@code %msg} and {@code %message} of log patterns with phone numbers, e-mail addresses and
 * national ids masked, whatever logger wrote the line (registered in {@code logback-spring.xml}).
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalDataMask.mask(super.convert(event));
    }
}
