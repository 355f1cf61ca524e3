package dev.arrears.contact.sms;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code arrears.sms.smpp.*} to {@link SmppProperties}. No sender is created here: the dispatch builds the
 * {@link SmppSender} (or uses the sandbox) when SMS are sent through a real SMSC.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmppProperties.class)
class SmsConfiguration {
}
