package dev.arrears.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Seals committed audit entries about every second ({@code arrears.audit.seal-interval}), skipping a round when
 * another node is sealing. Off with {@code arrears.audit.sealer.enabled=false}; reads and verifications seal first
 * in any case.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "arrears.audit.sealer.enabled", havingValue = "true", matchIfMissing = true)
class SealingSchedule {

    private static final Logger log = LoggerFactory.getLogger(SealingSchedule.class);

    private final AuditTrail trail;

    SealingSchedule(AuditTrail trail) {
        this.trail = trail;
    }

    @Scheduled(initialDelayString = "${arrears.audit.seal-interval:PT1S}",
            fixedDelayString = "${arrears.audit.seal-interval:PT1S}")
    void seal() {
        try {
            long sealed = trail.seal(false);
            if (sealed > 0) {
                log.debug("Sealed {} audit entries", sealed);
            }
        } catch (RuntimeException e) {
            // the next round tries again; entries wait unsealed, which loses nothing
            log.warn("Sealing audit entries failed, will retry: {}", e.getMessage());
        }
    }
}
