package dev.arrears.privacy.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.arrears.privacy.domain.PersonalDataMask;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} (a stack trace set off by blank lines, with packaging data) with personal data masked:
 * exception messages quote values, such as a database's "Key (value)=(+8613812345678) already exists".
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return PersonalDataMask.mask(super.throwableProxyToString(proxy));
    }
}
