package dev.arrears.compliance;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the jurisdiction profiles at start-up; a broken override file stops the start with its file and line. */
@Configuration(proxyBeanMethods = false)
class ComplianceConfiguration {

    @Bean
    JurisdictionProfiles jurisdictionProfiles(@Value("${" + JurisdictionProfiles.PROPERTY + ":}") String dir) {
        return JurisdictionProfiles.load(dir);
    }
}
