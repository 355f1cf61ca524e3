package dev.arrears.compliance.web;

import dev.arrears.compliance.ComplianceViews.FlagChange;
import dev.arrears.compliance.ComplianceViews.VerdictPage;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.VerdictLog;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.web.DebtorFactsJson.ComplianceJsonView;
import dev.arrears.compliance.web.DebtorFactsJson.FlagJson;
import dev.arrears.compliance.web.DebtorFactsJson.TimesJson;
import dev.arrears.compliance.web.DebtorFactsJson.VerdictPageJson;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Debtor facts over JSON: a customer's compliance record (flags with who, when and why, their history, disputed
 * debts, stated contact times, latest verdicts), setting and clearing flags, replacing the stated times, and the
 * stored verdicts by customer or account. Setting a flag answers 201 when it was set now and 200 when it already
 * stood; clearing one that does not stand is a 409. Bad fields are a 400 naming each; an unknown customer a 404.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Compliance: debtor facts", description = "Debtor flags, stated contact times and stored verdicts")
class DebtorFactsController {

    private static final Set<String> FLAG_FIELDS = Set.of("flag", "debtId", "reason");
    private static final Set<String> CLEAR_FIELDS = Set.of("debtId", "reason");
    private static final Set<String> RANGE_FIELDS = Set.of("from", "to");

    private final DebtorFacts facts;
    private final VerdictLog verdicts;
    private final JsonMapper mapper;

    DebtorFactsController(DebtorFacts facts, VerdictLog verdicts, JsonMapper mapper) {
        this.facts = facts;
        this.verdicts = verdicts;
        this.mapper = mapper;
    }

    @GetMapping("/customers/{id}/compliance")
    @Operation(summary = "Show a customer's compliance record: current flags with who set them, when and why, the "
            + "flag history, disputed debts, inconvenient and consented times, the latest 50 stored verdicts")
    ComplianceJsonView compliance(@PathVariable("id") String id) {
        return DebtorFactsJson.compliance(facts.view(pathId(id)));
    }

    @PostMapping("/customers/{id}/flags")
    @Operation(summary = "Set a debtor flag for all debts or one (debtId = account id); 201 when set now, 200 when "
            + "it already stood",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "{\"flag\": \"DISPUTE_OPEN\", \"debtId\": \"123\" (optional), \"reason\": \"…\"}"))))
    ResponseEntity<FlagJson> setFlag(@PathVariable("id") String id, @RequestBody(required = false) byte[] body) {
        long customerId = pathId(id);
        JsonNode json = object(body, FLAG_FIELDS);
        List<FieldError> errors = new ArrayList<>();
        Flag flag = flag(text(json, "flag", errors), "/flag", errors);
        if (flag == null && errors.isEmpty()) {
            errors.add(FieldError.at("/flag", "is required: one of " + flagNames()));
        }
        String debtId = text(json, "debtId", errors);
        String reason = text(json, "reason", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        FlagChange change = facts.setFlag(customerId, flag, debtId, reason, null);
        return ResponseEntity.status(change.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(DebtorFactsJson.flag(change.flag()));
    }

    @PostMapping("/customers/{id}/flags/{flag}/clear")
    @Operation(summary = "Clear a standing debtor flag for all debts or one (dispute verified, breathing space "
            + "ended …); 409 when it does not stand there",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(
                    type = "object", description = "{\"debtId\": \"123\" (optional), \"reason\": \"verified\"}"))))
    FlagJson clearFlag(@PathVariable("id") String id, @PathVariable("flag") String flagName,
                       @RequestBody(required = false) byte[] body) {
        Parameters parameters = new Parameters();
        Long customerId = parameters.id("id", id);
        parameters.required("id", customerId, "/api/v1/customers/42/flags/DISPUTE_OPEN/clear");
        Flag flag = parameters.oneOf("flag", flagName, Flag.class);
        parameters.check();
        JsonNode json = body == null || body.length == 0 ? mapper.createObjectNode() : object(body, CLEAR_FIELDS);
        List<FieldError> errors = new ArrayList<>();
        String debtId = text(json, "debtId", errors);
        String reason = text(json, "reason", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return DebtorFactsJson.flag(facts.clearFlag(customerId, flag, debtId, reason, null).flag());
    }

    @PutMapping("/customers/{id}/inconvenient-times")
    @Operation(summary = "Replace the local times the customer asked us to avoid (from > to wraps past midnight; "
            + "to may be 24:00)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "array",
                    description = "[{\"from\": \"09:00\", \"to\": \"12:00\"}]; [] removes them all"))))
    TimesJson inconvenientTimes(@PathVariable("id") String id, @RequestBody(required = false) byte[] body) {
        long customerId = pathId(id);
        List<FieldError> errors = new ArrayList<>();
        List<LocalTimeRange> ranges = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array(body)) {
            String at = "/" + i++;
            if (!item.isObject()) {
                errors.add(FieldError.at(at, "must be an object {\"from\": \"09:00\", \"to\": \"12:00\"}"));
                continue;
            }
            unknown(item, RANGE_FIELDS, at, errors);
            LocalTime from = localTime(text(item, "from", at, errors), at + "/from", false, errors);
            LocalTime to = localTime(text(item, "to", at, errors), at + "/to", true, errors);
            ranges.add(new LocalTimeRange(from, to));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return DebtorFactsJson.times(facts.setInconvenientTimes(customerId, ranges, null));
    }

    @PutMapping("/customers/{id}/consented-times")
    @Operation(summary = "Replace the instants the customer agreed to be contacted at (CN-BANK)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "array",
                    description = "[{\"from\": \"2026-05-10T14:00:00Z\", \"to\": \"2026-05-10T15:00:00Z\"}]"))))
    TimesJson consentedTimes(@PathVariable("id") String id, @RequestBody(required = false) byte[] body) {
        long customerId = pathId(id);
        List<FieldError> errors = new ArrayList<>();
        List<InstantRange> ranges = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array(body)) {
            String at = "/" + i++;
            if (!item.isObject()) {
                errors.add(FieldError.at(at, "must be an object {\"from\": instant, \"to\": instant}"));
                continue;
            }
            unknown(item, RANGE_FIELDS, at, errors);
            Instant from = instant(text(item, "from", at, errors), at + "/from", errors);
            Instant to = instant(text(item, "to", at, errors), at + "/to", errors);
            ranges.add(new InstantRange(from, to));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return DebtorFactsJson.times(facts.setConsentedTimes(customerId, ranges, null));
    }

    @GetMapping("/customers/{id}/verdicts")
    @Operation(summary = "List the stored verdicts on a customer's contacts, newest first")
    VerdictPageJson customerVerdicts(@PathVariable("id") String id,
                                     @Parameter(description = "Page number from 0")
                                     @RequestParam(name = "page", required = false) String page,
                                     @Parameter(description = "Page size, 1 to 500 (default 50)")
                                     @RequestParam(name = "size", required = false) String size) {
        return verdictPage(id, page, size, verdicts::byCustomer);
    }

    @GetMapping("/accounts/{id}/verdicts")
    @Operation(summary = "List the stored verdicts on an account's contacts, newest first")
    VerdictPageJson accountVerdicts(@PathVariable("id") String id,
                                    @Parameter(description = "Page number from 0")
                                    @RequestParam(name = "page", required = false) String page,
                                    @Parameter(description = "Page size, 1 to 500 (default 50)")
                                    @RequestParam(name = "size", required = false) String size) {
        return verdictPage(id, page, size, verdicts::byAccount);
    }

    /** Reads the id and paging parameters (400 naming each bad one) and returns that page of verdicts. */
    private static VerdictPageJson verdictPage(String id, String page, String size, VerdictReader reader) {
        Parameters parameters = new Parameters();
        Long key = parameters.id("id", id);
        int p = parameters.integer("page", page, 0, 0, 1_000_000);
        int s = parameters.integer("size", size, 50, 1, VerdictLog.MAX_PAGE_SIZE);
        parameters.check();
        return DebtorFactsJson.verdicts(reader.page(key, p, s));
    }

    /** A paged read of verdicts by customer or by account. */
    private interface VerdictReader {
        VerdictPage page(long id, int page, int size);
    }

    // ------------------------------------------------------------------ reading

    private static long pathId(String text) {
        Parameters parameters = new Parameters();
        Long id = parameters.id("id", text);
        parameters.required("id", id, "/api/v1/customers/42/compliance");
        parameters.check();
        return id;
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(FieldError.at("", "the request body is empty: send JSON"));
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(FieldError.at("", "the request body is empty: send JSON"));
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the request body is not valid JSON: "
                    + e.getOriginalMessage()));
        }
    }

    /** Parses a body that must be one object with only the known fields. */
    private JsonNode object(byte[] body, Set<String> fields) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw new InvalidInputException(FieldError.at("", "must be a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>();
        unknown(node, fields, "", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return node;
    }

    /** Parses a body that must be an array. */
    private List<JsonNode> array(byte[] body) {
        JsonNode node = parse(body);
        if (!node.isArray()) {
            throw new InvalidInputException(FieldError.at("", "must be a JSON array of ranges; [] for none"));
        }
        List<JsonNode> items = new ArrayList<>();
        node.values().forEach(items::add);
        return items;
    }

    private static void unknown(JsonNode node, Set<String> fields, String at, List<FieldError> errors) {
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                errors.add(FieldError.at(at + "/" + name, "unknown field; allowed: "
                        + fields.stream().sorted().collect(Collectors.joining(", "))));
            }
        }
    }

    private static String text(JsonNode node, String field, List<FieldError> errors) {
        return text(node, field, "", errors);
    }

    /** Returns a field's text (numbers as written), null when absent, null or blank. */
    private static String text(JsonNode node, String field, String at, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString().isBlank() ? null : value.asString().strip();
        }
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        errors.add(FieldError.at(at + "/" + field, "must be a string"));
        return null;
    }

    private static Flag flag(String text, String at, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return Flag.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.at(at, "'" + Parameters.abbreviate(text) + "' is not one of " + flagNames()));
            return null;
        }
    }

    private static String flagNames() {
        return Arrays.stream(Flag.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Reads {@code HH:mm} or {@code HH:mm:ss}; an end of {@code 24:00} is midnight. */
    private static LocalTime localTime(String text, String at, boolean end, List<FieldError> errors) {
        if (text == null) {
            errors.add(FieldError.at(at, "is required, a local time such as 09:00"));
            return null;
        }
        if (end && text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        if (text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(FieldError.at(at, "'" + Parameters.abbreviate(text) + "' is not a local time such as 09:00"));
        return null;
    }

    /** Reads an ISO instant with Z or an offset. */
    private static Instant instant(String text, String at, List<FieldError> errors) {
        if (text == null) {
            errors.add(FieldError.at(at, "is required, an instant such as 2026-05-10T14:00:00Z"));
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(FieldError.at(at, "'" + Parameters.abbreviate(text)
                    + "' is not an instant with an offset such as 2026-05-10T14:00:00Z"));
            return null;
        }
    }
}
