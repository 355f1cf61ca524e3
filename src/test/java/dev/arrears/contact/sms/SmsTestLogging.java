package dev.arrears.contact.sms;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Keeps plain (non-Spring) SMS tests from logging every PDU: Logback without configuration logs DEBUG. */
final class SmsTestLogging {

    private SmsTestLogging() {
    }

    /** Sets the root logger to INFO and jSMPP to WARN. */
    static void quiet() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.INFO);
        }
        if (LoggerFactory.getLogger("org.jsmpp") instanceof Logger jsmpp) {
            jsmpp.setLevel(Level.WARN);
        }
    }
}
