package dev.arrears.platform;

import dev.arrears.platform.ApiTokens.TokenView;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Administrators create, list and revoke API tokens: {@code POST /api/v1/tokens} {"name", "scopes"} answers the
 * token once (201), {@code GET /api/v1/tokens} lists them without it, {@code DELETE /api/v1/tokens/{id}} revokes one.
 */
@RestController
@RequestMapping("/api/v1/tokens")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "API tokens", description = "Bearer tokens for integrations (administrators only)")
class ApiTokenController {

    /** A token as the API lists it. */
    record TokenJson(long id, String name, String prefix, List<String> scopes, String createdBy, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt, boolean active) {
        static TokenJson of(TokenView v) {
            return new TokenJson(v.id(), v.name(), v.prefix(), v.scopes(), v.createdBy(), v.createdAt(),
                    v.lastUsedAt(), v.revokedAt(), v.active());
        }
    }

    /** A token just created, with its secret. */
    record CreatedJson(String token, TokenJson details) {
    }

    private final ApiTokens tokens;
    private final JsonMapper mapper;

    ApiTokenController(ApiTokens tokens, JsonMapper mapper) {
        this.tokens = tokens;
        this.mapper = mapper;
    }

    @PostMapping
    @Operation(summary = "Create an API token; the token is shown in this answer only",
            description = "Body: {\"name\": \"billing-sync\", \"scopes\": [\"payments:write\", \"read\"]}; "
                    + "scopes: read, payments:write, imports:write")
    ResponseEntity<CreatedJson> create(@RequestBody byte[] body, Authentication user) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the body is not JSON"));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException(FieldError.at("", "the body must be a JSON object"));
        }
        JsonNode name = json.get("name");
        JsonNode scopes = json.get("scopes");
        if (name != null && !name.isString()) {
            throw new InvalidInputException(FieldError.at("/name", "name must be a string"));
        }
        List<String> list = new ArrayList<>();
        if (scopes != null) {
            if (!scopes.isArray()) {
                throw new InvalidInputException(FieldError.at("/scopes", "scopes must be an array of strings"));
            }
            for (JsonNode s : scopes) {
                list.add(s.isString() ? s.stringValue() : s.toString());
            }
        }
        ApiTokens.CreatedToken created = tokens.create(name == null ? null : name.stringValue(), list, user.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CreatedJson(created.token(), TokenJson.of(created.view())));
    }

    @GetMapping
    @Operation(summary = "List API tokens (never the tokens themselves)")
    List<TokenJson> list() {
        return tokens.list().stream().map(TokenJson::of).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API token; revoking it again changes nothing")
    TokenJson revoke(@PathVariable("id") long id, Authentication user) {
        return TokenJson.of(tokens.revoke(id, user.getName()));
    }
}
