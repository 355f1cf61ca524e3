package dev.arrears.privacy.web;

import dev.arrears.ledger.Views.ErasureView;
import dev.arrears.privacy.PersonalData;
import dev.arrears.privacy.PersonalDataExport;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A customer's personal data rights over JSON, for administrators only (403 problem+json for any other role): the
 * export of everything held about the customer, and its erasure. The export's body is the exact bytes whose SHA-256
 * the audit trail records, also sent as an RFC 9530 {@code Repr-Digest}. An erasure answers 200 both the first time
 * ({@code erasedNow} true) and on a repeat, which changes nothing ({@code erasedNow} false, the first erasure's
 * time), so that a client may retry safely.
 */
@RestController
@RequestMapping("/api/v1/customers")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Privacy", description = "Export and erasure of a customer's personal data (administrators)")
class PersonalDataController {

    private final PersonalData personalData;
    private final JsonMapper mapper;

    PersonalDataController(PersonalData personalData, JsonMapper mapper) {
        this.personalData = personalData;
        this.mapper = mapper;
    }

    record ErasureJson(long customerId, String externalRef, String erasedAt, boolean erasedNow) {
    }

    @GetMapping("/{externalRef}/personal-data")
    @Operation(summary = "Export everything held about a customer: contact points, consents, accounts, bills, "
            + "payments, adjustments and the other modules' sections")
    public ResponseEntity<byte[]> export(@PathVariable("externalRef") String externalRef,
                                         @Parameter(hidden = true) Principal principal) {
        PersonalDataExport export = personalData.export(externalRef, actor(principal),
                "GET /api/v1/customers/{externalRef}/personal-data");
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(export.sha256()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"personal-data-" + export.customerId() + ".json\"")
                .body(export.json());
    }

    @PostMapping("/{externalRef}/erasure")
    @Operation(summary = "Erase a customer's personal data, keeping what accounting law requires; repeating it "
            + "changes nothing",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "{\"reason\": \"why (the customer's request of 2026-11-20, ticket 4711)\"}"))))
    public ErasureJson erase(@PathVariable("externalRef") String externalRef,
                             @RequestBody(required = false) byte[] body,
                             @Parameter(hidden = true) Principal principal) {
        ErasureView erasure = personalData.erase(externalRef, reason(body), actor(principal));
        return new ErasureJson(erasure.customerId(), erasure.externalRef(), erasure.erasedAt().toString(),
                erasure.erasedNow());
    }

    /** Reads {@code {"reason": "…"}}, refusing any other shape with the field named. */
    private String reason(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(FieldError.at("/reason", "is required: send {\"reason\": \"…\"}"));
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the request body is not valid JSON"));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(FieldError.at("", "must be a JSON object: {\"reason\": \"…\"}"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String field : node.propertyNames()) {
            if (!field.equals("reason")) {
                errors.add(FieldError.at("/" + field.replace("~", "~0").replace("/", "~1"),
                        "is not a field of an erasure; only reason is"));
            }
        }
        JsonNode reason = node.get("reason");
        if (reason != null && !reason.isNull() && !reason.isString()) {
            errors.add(FieldError.at("/reason", "must be a string"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return reason == null || reason.isNull() ? null : reason.asString();
    }

    private static String actor(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }
}
