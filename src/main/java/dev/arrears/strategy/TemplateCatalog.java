package dev.arrears.strategy;

import dev.arrears.strategy.domain.ActionKind;

import java.util.Set;

/**
 * The message templates a strategy may name, per action: the validator refuses a step whose template the
 * catalogue does not know for that step's action (or for its fallback). The contact module supplies the real
 * catalogue; until then {@link ShippedTemplates} knows the templates of the shipped strategies.
 */
public interface TemplateCatalog {

    /** Returns true when a template of this name exists for the action's channel. */
    boolean knows(ActionKind action, String template);

    /** Returns every template name, for error messages and documentation. */
    Set<String> names();
}
