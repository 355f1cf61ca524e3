package dev.arrears.arrangement;

import dev.arrears.arrangement.domain.WebhookSignature;
import dev.arrears.shared.Money;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A payment provider (card acquirer, Alipay, WeChat Pay, bank transfer, the sandbox): starts a customer's payment
 * and reads the provider's webhook events. A gateway is a Spring bean named by {@link #name()}, which is also the
 * last segment of its webhook URL ({@code /api/v1/payments/webhooks/{name}}) and of its configuration
 * ({@code arrears.payments.gateways.<name>.secret}). {@link Payments} does the rest: it checks each event once,
 * posts or reverses the payment in the ledger and answers the provider. docs/payments.md shows how to add one.
 */
public interface PaymentGateway {

    /** Returns the gateway's name: lower case letters, digits and dashes. */
    String name();

    /** Starts a payment: the page to send the customer to (approval), or the payment already done. */
    Checkout start(CheckoutRequest request);

    /**
     * Checks a webhook's signature under the gateway's secret at an instant; the default is the Arrears scheme
     * ({@link WebhookSignature}: header {@code Arrears-Signature}). Gateways with their own scheme override it.
     *
     * @param header reads a request header by name (null when absent)
     */
    default WebhookSignature.Check verify(Function<String, String> header, byte[] body, byte[] secret, Instant now) {
        return WebhookSignature.verify(header.apply(WebhookSignature.HEADER), body, secret, now);
    }

    /**
     * Reads the events of a verified webhook body; the default reads the Arrears event JSON (docs/payments.md).
     * Throws {@link dev.arrears.shared.InvalidInputException} for a body it cannot read.
     */
    default List<GatewayEvent> parse(byte[] body) {
        return dev.arrears.arrangement.gateway.EventJson.parse(body);
    }

    /**
     * What to start: our reference for the payment (it becomes the ledger payment's external reference unless the
     * gateway names its own), the account, the amount and where to bring the customer back.
     */
    record CheckoutRequest(String reference, long accountId, String accountRef, Money amount, String description,
                           URI returnUrl) {
    }

    /** What starting a payment gave. */
    sealed interface Checkout permits Redirect, Completed {
    }

    /** Send the customer to the provider's page; the outcome arrives by webhook. */
    record Redirect(URI url) implements Checkout {
    }

    /** Paid at once (the sandbox): the event is applied as if it had come by webhook. */
    record Completed(GatewayEvent event) implements Checkout {
    }
}
