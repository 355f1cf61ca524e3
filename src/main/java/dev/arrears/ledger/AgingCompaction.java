package dev.arrears.ledger;

import dev.arrears.ledger.persistence.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Folds the pre-aggregated aging's deltas into its rollup every few seconds
 * ({@code arrears.ledger.aging-compact-interval}, PT5S), so that today's aging stays a read of a few thousand rows
 * however many ledger writes came in; a round is skipped while another node folds. Off with
 * {@code arrears.ledger.aging-compaction.enabled=false}: the aging stays exact, only its reads grow with the deltas.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "arrears.ledger.aging-compaction.enabled", havingValue = "true", matchIfMissing = true)
class AgingCompaction {

    private static final Logger log = LoggerFactory.getLogger(AgingCompaction.class);

    private final LedgerStore store;

    AgingCompaction(LedgerStore store) {
        this.store = store;
    }

    @Scheduled(initialDelayString = "${arrears.ledger.aging-compact-interval:PT5S}",
            fixedDelayString = "${arrears.ledger.aging-compact-interval:PT5S}")
    void compact() {
        try {
            int folded = store.compactAging();
            if (folded > 0) {
                log.debug("Folded {} aging deltas", folded);
            }
        } catch (RuntimeException e) {
            // the deltas wait for the next round; the aging read sums them meanwhile
            log.warn("Folding aging deltas failed, will retry: {}", e.getMessage());
        }
    }
}
