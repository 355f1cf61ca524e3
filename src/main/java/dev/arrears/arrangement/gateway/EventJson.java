package dev.arrears.arrangement.gateway;

import dev.arrears.arrangement.GatewayEvent;
import dev.arrears.arrangement.GatewayEvent.Type;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Arrears gateway event JSON, one event per webhook (docs/payments.md): {@code id}, {@code type}
 * ({@code payment.succeeded}, {@code payment.reversed}, {@code chargeback}, {@code debit.returned}),
 * {@code occurredAt}, {@code paymentRef}, and for a success {@code accountRef}, {@code amount} (a decimal string),
 * {@code currency}, optional {@code billRef} and {@code method}; for a reversal an optional {@code reason}. Every
 * problem is reported at once with its JSON pointer.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int MAX_TEXT = 200;

    /** Event types and the reversal reason each implies (null: a success; payment.reversed reads "reason"). */
    private static final Map<String, ReversalReason> TYPES = Map.of(
            "chargeback", ReversalReason.CHARGEBACK, "debit.returned", ReversalReason.RETURNED_DEBIT);

    private EventJson() {
    }

    /** Reads one event from a webhook body. */
    public static List<GatewayEvent> parse(byte[] body) {
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the body is not valid JSON"));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException(FieldError.at("", "the body must be a JSON event object"));
        }
        List<FieldError> errors = new ArrayList<>();
        String id = text(json, "id", true, errors);
        String typeName = text(json, "type", true, errors);
        String paymentRef = text(json, "paymentRef", true, errors);
        Instant occurredAt = null;
        String when = text(json, "occurredAt", false, errors);
        if (when != null) {
            try {
                occurredAt = OffsetDateTime.parse(when).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(FieldError.at("/occurredAt", "occurredAt must be an ISO 8601 instant with an offset"));
            }
        }
        Type type = null;
        ReversalReason reason = null;
        if (typeName != null) {
            if (typeName.equals("payment.succeeded")) {
                type = Type.SUCCEEDED;
            } else if (typeName.equals("payment.reversed")) {
                type = Type.REVERSED;
                String r = text(json, "reason", false, errors);
                reason = ReversalReason.ERROR;
                if (r != null) {
                    try {
                        reason = ReversalReason.valueOf(r.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        errors.add(FieldError.at("/reason", "reason must be RETURNED_DEBIT, CHARGEBACK or ERROR"));
                    }
                }
            } else if (TYPES.containsKey(typeName)) {
                type = Type.REVERSED;
                reason = TYPES.get(typeName);
            } else {
                errors.add(FieldError.at("/type", "unknown type '" + typeName + "'; known: payment.succeeded, "
                        + "payment.reversed, chargeback, debit.returned"));
            }
        }
        String accountRef = null;
        Money amount = null;
        String billRef = null;
        PaymentMethod method = null;
        if (type == Type.SUCCEEDED) {
            accountRef = text(json, "accountRef", true, errors);
            billRef = text(json, "billRef", false, errors);
            String currencyCode = text(json, "currency", true, errors);
            String amountText = text(json, "amount", true, errors);
            Currency currency = null;
            if (currencyCode != null) {
                try {
                    currency = Currency.getInstance(currencyCode);
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.at("/currency", "'" + currencyCode + "' is not an ISO 4217 currency"));
                }
            }
            if (currency != null && amountText != null) {
                try {
                    amount = Money.parse(amountText, currency);
                    if (!amount.isPositive()) {
                        errors.add(FieldError.at("/amount", "amount must be positive"));
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.at("/amount", e.getMessage()));
                }
            }
            String m = text(json, "method", false, errors);
            method = PaymentMethod.OTHER;
            if (m != null) {
                try {
                    method = PaymentMethod.valueOf(m.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.at("/method", "unknown method '" + m + "'"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return List.of(new GatewayEvent(id, type, accountRef, amount, paymentRef, billRef, method, reason,
                occurredAt));
    }

    /** Writes an event as the JSON this class reads (the sandbox's simulated webhooks, tests, the bench). */
    public static String write(GatewayEvent e) {
        var node = MAPPER.createObjectNode();
        node.put("id", e.id());
        node.put("type", e.type() == Type.SUCCEEDED ? "payment.succeeded" : "payment.reversed");
        if (e.occurredAt() != null) {
            node.put("occurredAt", e.occurredAt().toString());
        }
        node.put("paymentRef", e.paymentRef());
        if (e.type() == Type.SUCCEEDED) {
            node.put("accountRef", e.accountRef());
            node.put("amount", e.amount().amount());
            node.put("currency", e.amount().currency().getCurrencyCode());
            if (e.billRef() != null) {
                node.put("billRef", e.billRef());
            }
            if (e.method() != null) {
                node.put("method", e.method().name());
            }
        } else {
            node.put("reason", e.reason().name());
        }
        return MAPPER.writeValueAsString(node);
    }

    private static String text(JsonNode json, String field, boolean required, List<FieldError> errors) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(FieldError.at("/" + field, field + " is required"));
            }
            return null;
        }
        if (!node.isString() || node.stringValue().isBlank() || node.stringValue().length() > MAX_TEXT) {
            errors.add(FieldError.at("/" + field, field + " must be a non-empty string of at most " + MAX_TEXT
                    + " characters"));
            return null;
        }
        return node.stringValue().strip();
    }
}
