package dev.arrears.contact;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs and activates the shipped templates that have no version yet, at every start: on a new database all of
 * them, after an upgrade the ones a release added; a template with versions is never touched. Runs before the
 * shipped strategies are installed (order 0), because they are validated against the stored templates. Off with
 * {@code arrears.templates.install-shipped=false}.
 */
@Component
@Order(-10)
class ShippedTemplatesOnStart implements ApplicationRunner {

    private final Templates templates;
    private final boolean enabled;

    ShippedTemplatesOnStart(Templates templates,
                                 @Value("${arrears.templates.install-shipped:true}") boolean enabled) {
        this.templates = templates;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            templates.installShipped();
        }
    }
}
