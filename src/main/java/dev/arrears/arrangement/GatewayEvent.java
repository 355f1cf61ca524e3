package dev.arrears.arrangement;

import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.shared.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a payment gateway, read from its webhook: a payment succeeded (posted to the ledger under
 * {@code paymentRef}) or a payment was taken back (chargeback, returned debit, reversal), which reverses the ledger
 * payment {@code paymentRef}. {@code id} is the gateway's event id: each is applied once.
 *
 * @param amount     for a success; may be null for a reversal
 * @param accountRef for a success; may be null for a reversal
 * @param billRef    optional: the bill the payment pays first
 * @param reason     for a reversal
 * @param occurredAt when it happened at the gateway; null: when it arrived
 */
public record GatewayEvent(String id, Type type, String accountRef, Money amount, String paymentRef, String billRef,
                           PaymentMethod method, ReversalReason reason, Instant occurredAt) {

    public GatewayEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(paymentRef, "paymentRef");
        if (type == Type.SUCCEEDED) {
            Objects.requireNonNull(accountRef, "accountRef");
            Objects.requireNonNull(amount, "amount");
        } else {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** What happened. */
    public enum Type { SUCCEEDED, REVERSED }
}
