package dev.arrears.strategy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/** Provides the shipped template catalogue while no other module provides one. */
@Configuration(proxyBeanMethods = false)
class TemplateConfiguration {

    /**
     * Returns the shipped catalogue. Conditional on no other catalogue bean, and a fallback too: the condition
     * depends on the order configurations are read in, the fallback makes any other catalogue win regardless.
     */
    @Bean
    @Fallback
    @ConditionalOnMissingBean(TemplateCatalog.class)
    TemplateCatalog shippedTemplates() {
        return new ShippedTemplates();
    }
}
