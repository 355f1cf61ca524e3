package dev.arrears.compliance.web;

import dev.arrears.compliance.ComplianceGate;
import dev.arrears.compliance.ComplianceJson;
import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.Profile;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compliance guard over HTTP: evaluate a proposed contact ({@code POST /api/v1/compliance/evaluate}, the
 * request and verdict JSON of docs/compliance.md) and read the jurisdiction profiles in force. A malformed request
 * is a 400 problem+json naming every bad field by its JSON Pointer.
 */
@RestController
@RequestMapping(path = "/api/v1/compliance", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compliance", description = "The compliance guard: verdicts on proposed contacts, jurisdiction profiles")
class ComplianceController {

    private final ComplianceGate gate;
    private final JsonMapper mapper;

    ComplianceController(ComplianceGate gate, JsonMapper mapper) {
        this.gate = gate;
        this.mapper = mapper;
    }

    @PostMapping(path = "/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Evaluate a proposed contact: ALLOW, DEFER with notBefore, or BLOCK, with the rules and "
            + "citations that decided it",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "jurisdiction, channel, at, purpose, debtId, recipient, address {kind, value}, "
                            + "message {hasOptOut}, automated, debtType, debtor {timeZones, flags, disputedDebtIds, "
                            + "optOuts, consents, consentedTimes, inconvenientTimes, region}, history [{channel, "
                            + "direction, at, outcome, debtIds, address}]; see docs/compliance.md"))))
    ObjectNode evaluate(@RequestBody(required = false) byte[] body) {
        Set<String> profiles = gate.profiles().stream().map(Profile::id).collect(Collectors.toSet());
        ContactRequest request = ComplianceJson.request(parse(body), profiles);
        return ComplianceJson.verdict(gate.evaluate(request));
    }

    @GetMapping("/profiles")
    @Operation(summary = "List the jurisdiction profiles in force: window, default zones, rules with citations and caps")
    ArrayNode profiles() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        gate.profiles().forEach(p -> list.add(ComplianceJson.profile(p)));
        return list;
    }

    @GetMapping("/profiles/{id}")
    @Operation(summary = "Show one jurisdiction profile; 404 when there is none with this id")
    ObjectNode profile(@PathVariable("id") String id) {
        return ComplianceJson.profile(gate.profile(id));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(FieldError.at("", "the request body is empty: send a contact request "
                    + "as a JSON object"));
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(FieldError.at("", "the request body is empty: send a contact "
                        + "request as a JSON object"));
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the request body is not valid JSON: "
                    + firstLine(e.getOriginalMessage())));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline > 0 ? message.substring(0, newline) : message;
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
