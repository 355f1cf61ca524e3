package dev.arrears.arrangement;

import dev.arrears.arrangement.PaymentGateway.CheckoutRequest;
import dev.arrears.arrangement.PaymentGateway.Completed;
import dev.arrears.arrangement.PaymentGateway.Redirect;
import dev.arrears.arrangement.domain.WebhookSignature;
import dev.arrears.arrangement.persistence.EventStore;
import dev.arrears.contact.Portal;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.AccountView;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Money coming in through gateways: makes payment links (the portal token, optionally with a suggested amount),
 * starts a customer's payment at the configured gateway, and applies gateway events — checked against the
 * gateway's secret, each event id once, then posted to the ledger (idempotent on the payment reference) or
 * reversing the ledger payment. The ledger's {@code AccountsChanged} then re-evaluates the account at once: a
 * payment that clears the overdue amount cures the case and cancels pending contacts; a reversal opens it again.
 */
@Service
public class Payments {

    /** A payment link: the portal URL, its token, when it expires and the amount it suggests (null: none). */
    public record PaymentLink(String url, String token, Instant expiresAt, Money amount) {
    }

    /**
     * What a webhook did: {@code duplicate} when the event id was seen before (nothing changed); else the ledger
     * payment it posted or reversed and whether the ledger changed ({@code changed} false: already so).
     */
    public record WebhookResult(String eventId, boolean duplicate, GatewayEvent.Type type, String paymentRef,
                                Long paymentId, boolean changed) {
    }

    /** A started payment: its reference, and the page to send the customer to (null: already paid). */
    public record Started(String reference, URI redirect) {
    }

    private static final String SANDBOX = "sandbox";

    private final Ledger ledger;
    private final Portal portal;
    private final EventStore events;
    private final Map<String, PaymentGateway> gateways;
    private final Environment environment;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String portalGateway;

    Payments(Ledger ledger, Portal portal, EventStore events, List<PaymentGateway> gateways, Environment environment,
             Clock clock, TransactionTemplate transactions,
             @Value("${arrears.payments.portal-gateway:sandbox}") String portalGateway) {
        this.ledger = ledger;
        this.portal = portal;
        this.events = events;
        // the sandbox pays without money: on by default only on the embedded (demo) database
        boolean embedded = environment.getProperty("arrears.db.url", "").isBlank();
        boolean sandbox = environment.getProperty("arrears.payments.gateways.sandbox.enabled", Boolean.class,
                embedded);
        this.gateways = gateways.stream().filter(g -> sandbox || !g.name().equals(SANDBOX))
                .collect(Collectors.toUnmodifiableMap(PaymentGateway::name, g -> g));
        this.environment = environment;
        this.clock = clock;
        this.transactions = transactions;
        this.portalGateway = portalGateway;
    }

    /**
     * Makes a payment link for an account, valid for {@code validity} (null: the portal's default) and suggesting
     * an amount (null: none) in the account's currency. 404 for an unknown account, 400 for another currency.
     */
    public PaymentLink paymentLink(long accountId, Money suggested, Duration validity) {
        AccountView account = ledger.account(accountId, null)
                .orElseThrow(() -> new NotFoundException("No account with id " + accountId));
        String currency = account.summary().currency();
        if (suggested != null && !suggested.currency().getCurrencyCode().equals(currency)) {
            throw new InvalidInputException(FieldError.at("/currency", "the account is kept in " + currency
                    + ", not " + suggested.currency().getCurrencyCode()));
        }
        Instant expiresAt = clock.instant().plus(validity == null ? portal.validity() : validity);
        String token = portal.token(accountId, expiresAt, suggested);
        return new PaymentLink(portal.link(token), token, expiresAt, suggested);
    }

    /** Returns the names of the gateways installed. */
    public java.util.Set<String> gateways() {
        return gateways.keySet();
    }

    /** No gateway takes the portal's payments (the sandbox is off and no real one is configured). */
    public static class GatewayUnavailableException extends RuntimeException {

        GatewayUnavailableException(String message) {
            super(message);
        }
    }

    /**
     * Applies a gateway's webhook: 404 ({@link NotFoundException}) for an unknown gateway, 401
     * ({@link WebhookRejectedException}) for a bad signature, 400 for an unreadable event, 409 for a reversal of a
     * payment the ledger does not know (yet: the gateway retries); a repeated event id changes nothing.
     *
     * @param header reads a request header by name
     */
    public WebhookResult receive(String gatewayName, Function<String, String> header, byte[] body) {
        PaymentGateway gateway = gateways.get(gatewayName);
        if (gateway == null) {
            throw new NotFoundException("No payment gateway named '" + gatewayName + "'");
        }
        String secret = environment.getProperty("arrears.payments.gateways." + gatewayName + ".secret", "");
        if (gateway.verify(header, body, secret.getBytes(StandardCharsets.UTF_8), clock.instant())
                instanceof WebhookSignature.Bad(String reason)) {
            throw new WebhookRejectedException(reason);
        }
        List<GatewayEvent> parsed = gateway.parse(body);
        if (parsed.size() != 1) {
            throw new InvalidInputException(FieldError.at("", "a webhook carries exactly one event"));
        }
        return apply(gateway.name(), parsed.getFirst());
    }

    /**
     * Starts a customer's payment of an amount on an account at the portal's gateway; {@code attempt} names the
     * attempt (the pay form's), so that submitting the form twice pays once. A gateway that pays at once (the
     * sandbox) has posted the payment when this returns.
     */
    public Started start(long accountId, Money amount, String attempt, URI returnUrl) {
        AccountView account = ledger.account(accountId, null)
                .orElseThrow(() -> new NotFoundException("No account with id " + accountId));
        PaymentGateway gateway = gateways.get(portalGateway);
        if (gateway == null) {
            throw new GatewayUnavailableException("arrears.payments.portal-gateway names no installed gateway: "
                    + portalGateway + " (installed: " + gateways.keySet() + ")");
        }
        String reference = "portal-" + attempt;
        PaymentGateway.Checkout checkout = gateway.start(new CheckoutRequest(reference, accountId,
                account.summary().externalRef(), amount, "Account " + account.summary().externalRef(), returnUrl));
        return switch (checkout) {
            case Redirect(URI url) -> new Started(reference, url);
            case Completed(GatewayEvent e) -> {
                apply(gateway.name(), e.occurredAt() != null ? e : new GatewayEvent(e.id(), e.type(),
                        e.accountRef(), e.amount(), e.paymentRef(), e.billRef(), e.method(), e.reason(),
                        clock.instant()));
                yield new Started(e.paymentRef(), null);
            }
        };
    }

    /** Returns the ledger payment with a reference (a gateway's payment id, or a portal attempt's). */
    public Optional<PaymentView> payment(String reference) {
        return ledger.paymentByRef(reference);
    }

    /** Applies an event once, in one transaction with the record of its id. */
    private WebhookResult apply(String gateway, GatewayEvent e) {
        Instant now = clock.instant();
        Instant at = e.occurredAt() == null ? now : e.occurredAt();
        return transactions.execute(status -> {
            if (!events.record(gateway, e.id(), e.type().name(), e.paymentRef(), now)) {
                return new WebhookResult(e.id(), true, e.type(), e.paymentRef(), null, false);
            }
            if (e.type() == GatewayEvent.Type.SUCCEEDED) {
                Written<PaymentView> written = ledger.postPayments(List.of(new PostPayment(e.paymentRef(),
                        e.accountRef(), e.amount().minor(), e.amount().currency(), at, e.method(), e.billRef())))
                        .getFirst();
                return new WebhookResult(e.id(), false, e.type(), e.paymentRef(), written.view().id(),
                        written.created());
            }
            PaymentView payment = ledger.paymentByRef(e.paymentRef()).orElseThrow(() -> new ConflictException(
                    "No payment with reference '" + e.paymentRef() + "' to reverse (yet)",
                    List.of(FieldError.at("/paymentRef", "unknown payment reference"))));
            Written<PaymentView> written = ledger.reversePayment(payment.id(), new ReversePayment(e.reason(), at));
            return new WebhookResult(e.id(), false, e.type(), e.paymentRef(), payment.id(), written.created());
        });
    }
}
