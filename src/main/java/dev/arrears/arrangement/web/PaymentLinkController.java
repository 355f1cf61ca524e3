package dev.arrears.arrangement.web;

import dev.arrears.arrangement.Payments;
import dev.arrears.arrangement.Payments.PaymentLink;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/accounts/{id}/payment-links} {"amount"?: "12.34", "currency"?, "validDays"?}: a signed,
 * expiring portal link for an account, optionally suggesting an amount in the account's currency (201).
 */
@RestController
@Tag(name = "Payments: links", description = "Signed, expiring portal links that customers pay through")
class PaymentLinkController {

    private static final Set<String> FIELDS = Set.of("amount", "currency", "validDays");
    private static final int MAX_DAYS = 366;

    /** A link as the API answers it; amount and currency are null when none is suggested. */
    record LinkJson(String url, String token, Instant expiresAt, String amount, String currency) {
    }

    private final Payments payments;
    private final Ledger ledger;
    private final JsonMapper mapper;

    PaymentLinkController(Payments payments, Ledger ledger, JsonMapper mapper) {
        this.payments = payments;
        this.ledger = ledger;
        this.mapper = mapper;
    }

    @PostMapping(path = "/api/v1/accounts/{id}/payment-links")
    @Operation(summary = "Make a payment link for an account, optionally suggesting an amount",
            description = "Body (optional): {\"amount\": \"12.34\", \"currency\": \"CNY\", \"validDays\": 14}")
    ResponseEntity<LinkJson> create(@PathVariable("id") String id, @RequestBody(required = false) byte[] body) {
        long accountId;
        try {
            accountId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(FieldError.at("/id", "the account id must be a number"));
        }
        JsonNode json = read(body);
        List<FieldError> errors = new ArrayList<>();
        json.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(FieldError.at("/" + name, "unknown field; known: amount, currency, validDays"));
            }
        });
        var account = ledger.account(accountId, null)
                .orElseThrow(() -> new NotFoundException("No account with id " + accountId));
        String currencyCode = account.summary().currency();
        JsonNode c = json.get("currency");
        if (c != null && !c.isNull()) {
            if (!c.isString() || !c.stringValue().matches("[A-Z]{3}")) {
                errors.add(FieldError.at("/currency", "currency must be an ISO 4217 code such as \"CNY\""));
            } else if (!c.stringValue().equals(currencyCode)) {
                errors.add(FieldError.at("/currency", "the account is kept in " + currencyCode + ", not "
                        + c.stringValue()));
            }
        }
        Money amount = null;
        JsonNode a = json.get("amount");
        if (a != null && !a.isNull()) {
            if (!a.isString()) {
                errors.add(FieldError.at("/amount", "amount must be a decimal string such as \"12.34\""));
            } else {
                try {
                    amount = Money.parse(a.stringValue(), Currency.getInstance(currencyCode));
                    if (!amount.isPositive()) {
                        errors.add(FieldError.at("/amount", "amount must be positive"));
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.at("/amount", e.getMessage()));
                }
            }
        }
        Duration validity = null;
        JsonNode d = json.get("validDays");
        if (d != null && !d.isNull()) {
            if (!d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > MAX_DAYS) {
                errors.add(FieldError.at("/validDays", "validDays must be a whole number from 1 to " + MAX_DAYS));
            } else {
                validity = Duration.ofDays(d.asLong());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        PaymentLink link = payments.paymentLink(accountId, amount, validity);
        return ResponseEntity.status(HttpStatus.CREATED).body(new LinkJson(link.url(), link.token(),
                link.expiresAt(), link.amount() == null ? null : link.amount().amount(),
                link.amount() == null ? null : link.amount().currency().getCurrencyCode()));
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode json = mapper.readTree(body);
            if (json == null || json.isMissingNode()) {
                return mapper.createObjectNode();
            }
            if (!json.isObject()) {
                throw new InvalidInputException(FieldError.at("", "the body must be a JSON object"));
            }
            return json;
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the body is not valid JSON"));
        }
    }
}
