package dev.arrears.strategy;

import dev.arrears.strategy.domain.ActionKind;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.arrears.strategy.domain.ActionKind.EMAIL;
import static dev.arrears.strategy.domain.ActionKind.LETTER;
import static dev.arrears.strategy.domain.ActionKind.PUSH;
import static dev.arrears.strategy.domain.ActionKind.SMS;

/**
 * The template catalogue used until the contact module provides one: the names the shipped strategies use and
 * the channels each exists for. This is the one list of them; {@code docs/strategies.md} copies it.
 */
public final class ShippedTemplates implements TemplateCatalog {

    private static final Map<String, Set<ActionKind>> TEMPLATES = new LinkedHashMap<>();

    static {
        add("pre_due_reminder", SMS, EMAIL, PUSH);        // a bill falls due in a few days
        add("overdue_notice", SMS, EMAIL, PUSH, LETTER);  // the bill is overdue, with a payment link
        add("overdue_notice_bill", EMAIL, LETTER);        // overdue notice with the itemised bill
        add("payment_link", SMS, EMAIL, PUSH);            // a short nudge with the payment link only
        add("second_notice", SMS, EMAIL, LETTER);         // still unpaid after the first notice
        add("final_notice", SMS, EMAIL, LETTER);          // last notice before restriction, agency or legal action
        add("restriction_notice", SMS, EMAIL, LETTER);    // service is restricted until payment
        add("agency_notice", SMS, EMAIL, LETTER);         // the debt will pass to a collection agency
        add("plan_invitation", SMS, EMAIL, PUSH);         // invitation to choose an instalment plan
        add("payment_reversed", SMS, EMAIL, PUSH);        // a payment was returned or charged back: owed again
        add("instalment_reminder", SMS, EMAIL, PUSH);     // a plan's instalment falls due soon (plan reminders)
        add("invoice_reminder", EMAIL);                   // B2B: invoice attached, due soon
        add("invoice_overdue", EMAIL, LETTER);            // B2B: invoice attached, overdue
        add("statement_of_account", EMAIL, LETTER);       // B2B: all open invoices
        add("demand_letter", EMAIL, LETTER);              // formal demand for payment (催款函) before legal review
    }

    private static void add(String name, ActionKind... actions) {
        TEMPLATES.put(name, Collections.unmodifiableSet(EnumSet.of(actions[0], actions)));
    }

    /** Returns the shipped templates with the actions each exists for, in catalogue order. */
    public static Map<String, Set<ActionKind>> all() {
        return Collections.unmodifiableMap(TEMPLATES);
    }

    @Override
    public boolean knows(ActionKind action, String template) {
        Set<ActionKind> actions = TEMPLATES.get(template);
        return actions != null && actions.contains(action);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(TEMPLATES.keySet());
    }
}
