package dev.arrears.shared;

/** A way of reaching a customer; consent, opt-out, compliance rules and templates are per channel. */
public enum Channel {
    SMS, CALL, EMAIL, PUSH, LETTER, VISIT
}
