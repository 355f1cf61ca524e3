package dev.arrears.contact;

import dev.arrears.contact.template.persistence.TemplateStore;
import dev.arrears.shared.Channel;
import dev.arrears.strategy.TemplateCatalog;
import dev.arrears.strategy.domain.ActionKind;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The strategy validator's template catalogue: the stored templates that have an active version, per channel of
 * the step's action. A scanned component, so the strategy module's fallback catalogue (the shipped names) is never
 * created: its condition sees this bean, and its {@code @Fallback} would let this one win anyway.
 */
@Component
class StoredTemplateCatalog implements TemplateCatalog {

    private final TemplateStore store;

    StoredTemplateCatalog(TemplateStore store) {
        this.store = store;
    }

    @Override
    public boolean knows(ActionKind action, String template) {
        Channel channel = action.channel();
        return channel != null && template != null && store.hasActive(template, channel);
    }

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(store.activeNames());
    }
}
