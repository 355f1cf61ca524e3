package dev.arrears.strategy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs and activates the shipped strategies when the database holds no strategy at all, so that a new
 * installation collects from its first cycle. Runs before the ready event, so that anything started then (the
 * demo) finds them. Off with {@code arrears.strategies.install-shipped=false}.
 */
@Component
@Order(0)
class ShippedStrategiesOnFirstStart implements ApplicationRunner {

    private final Strategies strategies;
    private final boolean enabled;

    ShippedStrategiesOnFirstStart(Strategies strategies,
                                  @Value("${arrears.strategies.install-shipped:true}") boolean enabled) {
        this.strategies = strategies;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            strategies.installShippedIfNone();
        }
    }
}
