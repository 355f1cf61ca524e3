package dev.arrears.ledger.web;

import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.ContactPreferenceChanged;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.shared.Channel;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.ledger.intake.FieldReader;
import dev.arrears.ledger.intake.Intake;
import dev.arrears.ledger.intake.Issue;
import dev.arrears.ledger.web.JsonRecords.Batch;
import dev.arrears.ledger.web.LedgerJson.PaymentJson;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes to the ledger over JSON: one record or an array per request, validated in full before anything is
 * written and then written all-or-nothing. Idempotent on {@code externalRef}: 201 when a record was created,
 * 200 when every record was already there, identical; the same reference with other content is a 409. A
 * customer's opt-outs and consents change in place (200, {@code changed} false when they already were so).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ledger: writes", description = "Customers, accounts, bills, payments and adjustments; one object or an array")
class LedgerWriteController {

    private static final Set<String> REVERSAL_FIELDS = Set.of("reason", "reversedAt");
    private static final Set<String> PREFERENCE_FIELDS = Set.of("channel", "address", "source");

    /** Answer of a preference change: whether anything changed, and the customer as it now stands. */
    record PreferenceJson(boolean changed, LedgerJson.CustomerJson customer) {
    }

    private final Ledger ledger;
    private final JsonMapper mapper;

    LedgerWriteController(Ledger ledger, JsonMapper mapper) {
        this.ledger = ledger;
        this.mapper = mapper;
    }

    @PostMapping(path = "/customers")
    @Operation(summary = "Register customers with their contact points",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "A customer or an array of customers: externalRef, name, type, locale, timeZone, "
                            + "contactPoints [{kind, value, consents, optOuts}]"))))
    ResponseEntity<Object> customers(@RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) throws HttpMediaTypeNotSupportedException {
        return write(contentType, body, Intake::customer, ledger::registerCustomers, LedgerJson::customer);
    }

    @PostMapping(path = "/accounts")
    @Operation(summary = "Open accounts for known customers",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "An account or an array of accounts: externalRef, customerRef, productLine, "
                            + "currency, status, openedOn, creditLimit"))))
    ResponseEntity<Object> accounts(@RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) throws HttpMediaTypeNotSupportedException {
        return write(contentType, body, Intake::account, ledger::openAccounts, LedgerJson::account);
    }

    @PostMapping(path = "/bills")
    @Operation(summary = "Issue bills; the total must be the sum of the lines",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "A bill or an array of bills: externalRef, accountRef, issueDate, dueDate, "
                            + "currency, total, lines [{description, category, amount}]; amounts as strings"))))
    ResponseEntity<Object> bills(@RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) throws HttpMediaTypeNotSupportedException {
        return write(contentType, body, Intake::bill, ledger::issueBills, LedgerJson::bill);
    }

    @PostMapping(path = "/payments")
    @Operation(summary = "Post payments; a reference naming a bill pays that bill first",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "A payment or an array of payments: externalRef, accountRef, amount, currency, "
                            + "receivedAt, method, reference"))))
    ResponseEntity<Object> payments(@RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) throws HttpMediaTypeNotSupportedException {
        return write(contentType, body, Intake::payment, ledger::submitPayments, LedgerJson::payment);
    }

    @PostMapping(path = "/adjustments")
    @Operation(summary = "Record credit notes, debit notes and waivers",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "An adjustment or an array of adjustments: externalRef, accountRef, billRef, "
                            + "type, amount, currency, reason, effectiveDate, dueDate"))))
    ResponseEntity<Object> adjustments(@RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) throws HttpMediaTypeNotSupportedException {
        return write(contentType, body, Intake::adjustment, ledger::recordAdjustments, LedgerJson::adjustment);
    }

    @PostMapping(path = "/payments/{id}/reversal")
    @Operation(summary = "Reverse a payment (returned debit, chargeback, error); repeating it changes nothing",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "{\"reason\": \"RETURNED_DEBIT|CHARGEBACK|ERROR\", \"reversedAt\": "
                            + "\"2026-03-31T09:30:00+08:00\" (optional, default now)}"))))
    ResponseEntity<PaymentJson> reverse(@PathVariable("id") String id,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) throws HttpMediaTypeNotSupportedException {
        long paymentId = QueryParameters.id("id", id);
        requireJson(contentType);
        ReversePayment reversal = reversal(JsonRecords.parse(mapper, body));
        if (ledger.payment(paymentId).isEmpty()) {
            throw new NotFoundException("No payment with id " + paymentId);
        }
        Written<PaymentView> written = ledger.reversePayment(paymentId, reversal);
        return ResponseEntity.ok(LedgerJson.payment(written.view()));
    }

    @PostMapping(path = "/customers/{id}/opt-outs")
    @Operation(summary = "Record an opt-out of a channel, on one address or on every contact point that carries it; "
            + "repeating it changes nothing",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "{\"channel\": \"EMAIL\", \"address\": \"x@mail.com\" (optional), "
                            + "\"source\": \"EMAIL_LINK|SMS_STOP|AGENT|API\" (default API)}"))))
    ResponseEntity<PreferenceJson> optOut(@PathVariable("id") String id,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) byte[] body) throws HttpMediaTypeNotSupportedException {
        return preference(id, contentType, body, true);
    }

    @PostMapping(path = "/customers/{id}/consents")
    @Operation(summary = "Record a consent to a channel (again), on one address or on every contact point that "
            + "carries it: the channel leaves the opt-outs and joins the consents",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "{\"channel\": \"SMS\", \"address\": \"+8613800138000\" (optional), "
                            + "\"source\": \"AGENT|API|…\" (default API)}"))))
    ResponseEntity<PreferenceJson> optIn(@PathVariable("id") String id,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) byte[] body) throws HttpMediaTypeNotSupportedException {
        return preference(id, contentType, body, false);
    }

    private ResponseEntity<PreferenceJson> preference(String id, String contentType, byte[] body, boolean optOut)
            throws HttpMediaTypeNotSupportedException {
        long customerId = QueryParameters.id("id", id);
        requireJson(contentType);
        JsonNode json = JsonRecords.parse(mapper, body);
        if (!json.isObject()) {
            throw new InvalidInputException(dev.arrears.shared.FieldError.at("", "must be a JSON object"));
        }
        List<Issue> issues = new ArrayList<>();
        FieldReader reader = new FieldReader(JsonRecords.toMap(json), "", issues);
        reader.rejectUnknown(PREFERENCE_FIELDS);
        Channel channel = reader.enumValue("channel", Channel.class, null);
        String address = reader.boundedText("address", false, 320);
        ContactPreferenceChanged.Source source = reader.enumValue("source", ContactPreferenceChanged.Source.class,
                ContactPreferenceChanged.Source.API);
        if (!issues.isEmpty()) {
            throw new InvalidInputException(JsonRecords.errors(issues, false, 0));
        }
        Written<CustomerView> written = optOut ? ledger.optOut(customerId, channel, address, source)
                : ledger.optIn(customerId, channel, address, source);
        return ResponseEntity.ok(new PreferenceJson(written.created(), LedgerJson.customer(written.view())));
    }

    /**
     * Refuses a body that is not JSON with a 415. Checked here rather than with {@code consumes} so that the
     * refusal reaches the problem handling of this controller instead of the bare default response.
     */
    private static void requireJson(String contentType) throws HttpMediaTypeNotSupportedException {
        MediaType type = null;
        try {
            type = contentType == null || contentType.isBlank() ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        boolean json = type != null && type.getType().equals("application")
                && (type.getSubtype().equals("json") || "json".equals(type.getSubtypeSuffix()));
        if (!json) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST,
                    "Content-Type '" + (contentType == null ? "" : contentType) + "' is not supported: send application/json");
        }
    }

    /** Reads a reversal body, defaulting {@code reversedAt} to now by the ledger's clock. */
    private ReversePayment reversal(JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidInputException(dev.arrears.shared.FieldError.at("", "must be a JSON object"));
        }
        List<Issue> issues = new ArrayList<>();
        FieldReader reader = new FieldReader(JsonRecords.toMap(body), "", issues);
        reader.rejectUnknown(REVERSAL_FIELDS);
        ReversalReason reason = reader.enumValue("reason", ReversalReason.class, null);
        Instant reversedAt = reader.instant("reversedAt", false);
        if (!issues.isEmpty()) {
            throw new InvalidInputException(JsonRecords.errors(issues, false, 0));
        }
        return new ReversePayment(reason, reversedAt == null ? ledger.clock().instant() : reversedAt);
    }

    /** Reads, writes and answers one batch: 201 when anything was created, else 200; the body mirrors the request. */
    private <C, V> ResponseEntity<Object> write(String contentType, byte[] body, Function<Map<String, Object>, Intake.Result<C>> intake,
                                                Function<List<C>, List<Written<V>>> store,
                                                Function<V, ?> json)
            throws HttpMediaTypeNotSupportedException {
        requireJson(contentType);
        Batch<C> batch = JsonRecords.read(JsonRecords.parse(mapper, body), intake);
        if (batch.commands().isEmpty()) {
            return ResponseEntity.ok(List.of());
        }
        List<Written<V>> written;
        try {
            written = store.apply(batch.commands());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(JsonRecords.rebase(e.errors(), batch.array()));
        } catch (ConflictException e) {
            throw new ConflictException(e.getMessage(), JsonRecords.rebase(e.errors(), batch.array()));
        }
        boolean created = written.stream().anyMatch(Written::created);
        Object response = batch.array()
                ? written.stream().map(w -> json.apply(w.view())).toList()
                : json.apply(written.getFirst().view());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(response);
    }
}
