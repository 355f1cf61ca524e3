package dev.arrears.arrangement.gateway;

import dev.arrears.arrangement.GatewayEvent;
import dev.arrears.arrangement.PaymentGateway;
import dev.arrears.ledger.Commands.PaymentMethod;
import org.springframework.stereotype.Component;

/**
 * The sandbox gateway: every payment succeeds at once, as if the customer had approved it, and its webhooks use the
 * Arrears signature and event JSON under {@code arrears.payments.gateways.sandbox.secret}, so that the whole flow
 * (portal, webhook, ledger, cycle) runs without a provider. It moves no money: never enable it where customers pay
 * for real ({@code arrears.payments.gateways.sandbox.enabled=false}).
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
        name = "arrears.payments.gateways.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxGateway implements PaymentGateway {

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Checkout start(CheckoutRequest request) {
        return new Completed(new GatewayEvent("sandbox-" + request.reference(), GatewayEvent.Type.SUCCEEDED,
                request.accountRef(), request.amount(), request.reference(), null, PaymentMethod.CARD, null, null));
    }
}
