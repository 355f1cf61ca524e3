package dev.arrears.arrangement.gateway;

import dev.arrears.arrangement.GatewayEvent;
import dev.arrears.arrangement.PaymentGateway;
import dev.arrears.ledger.Commands.PaymentMethod;
import org.springframework.stereotype.Component;

/**
 * The sandbox gateway: every payment succeeds at once, as if the customer had approved it, and its webhooks use the
 * Arrears signature and event JSON under {@code arrears.payments.gateways.sandbox.secret}, so that the whole flow
 * (portal, webhook, ledger, cycle) runs without a provider. It moves no money yet posts payments, which stop
 * dunning: {@link dev.arrears.arrangement.Payments} installs it only on the embedded database unless
 * {@code arrears.payments.gateways.sandbox.enabled} says otherwise.
 */
@Component
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
