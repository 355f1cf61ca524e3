package dev.arrears.strategy.web;

import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.strategy.Strategies;
import dev.arrears.strategy.StrategyVersionView;
import dev.arrears.strategy.ValidationReport;
import dev.arrears.strategy.web.StrategyJson.StrategyItemJson;
import dev.arrears.strategy.web.StrategyJson.ValidJson;
import dev.arrears.strategy.web.StrategyJson.VersionJson;
import dev.arrears.strategy.web.StrategyJson.VersionSummaryJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

/**
 * The strategy API: list, read, store a version (a YAML body), validate, activate and roll back. Invalid
 * documents are answered 422 with every problem as {@code {pointer, line, detail}}; unknown names and versions
 * 404. Bodies are YAML sent as {@code application/yaml} or {@code text/plain}, in UTF-8 unless the content type
 * names another charset.
 */
@RestController
@RequestMapping("/api/v1/strategies")
@Tag(name = "Strategies", description = "Versioned strategy documents: segments, ladders, champion/challenger")
class StrategyController {

    private static final String YAML_BODY = "A strategy document in YAML; see docs/strategies.md";

    private final Strategies strategies;

    StrategyController(Strategies strategies) {
        this.strategies = strategies;
    }

    @GetMapping
    @Operation(summary = "List the strategies with their active and latest versions")
    List<StrategyItemJson> list() {
        return strategies.list().stream().map(StrategyJson::strategy).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Show a version of a strategy with its YAML document and which version is active")
    VersionJson get(@PathVariable("name") String name,
                    @Parameter(description = "Version number; default the latest")
                    @RequestParam(name = "version", required = false) Integer version) {
        return StrategyJson.version(strategies.get(name, version));
    }

    @GetMapping("/{name}/versions")
    @Operation(summary = "List the versions of a strategy, newest first")
    List<VersionSummaryJson> versions(@PathVariable("name") String name) {
        return strategies.versions(name).stream().map(StrategyJson::summary).toList();
    }

    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
            MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Store a strategy document as the next version of the strategy it names (not activated)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = "application/yaml", schema = @Schema(type = "string", description = YAML_BODY))))
    ResponseEntity<VersionJson> create(@RequestHeader(name = "Content-Type", required = false) String contentType,
                                       @RequestBody(required = false) byte[] body, Principal principal) {
        StrategyVersionView created = strategies.createVersion(text(contentType, body), author(principal));
        URI location = URI.create("/api/v1/strategies/" + UriUtils.encodePathSegment(created.name(),
                StandardCharsets.UTF_8) + "?version=" + created.version());
        return ResponseEntity.created(location).body(StrategyJson.version(created));
    }

    @PostMapping(path = "/validate", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Validate a strategy document without storing it: 200 when valid, else 422 with errors",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = "application/yaml", schema = @Schema(type = "string", description = YAML_BODY))))
    ValidJson validate(@RequestHeader(name = "Content-Type", required = false) String contentType,
                       @RequestBody(required = false) byte[] body) {
        ValidationReport report = strategies.validate(text(contentType, body));
        if (!report.valid()) {
            throw new InvalidDocumentException(report.errors());
        }
        return StrategyJson.valid(report);
    }

    @PostMapping("/{name}/versions/{version}/activate")
    @Operation(summary = "Make a version the active one of its strategy (validated again first)")
    StrategyItemJson activate(@PathVariable("name") String name, @PathVariable("version") int version,
                              Principal principal) {
        return StrategyJson.strategy(strategies.activate(name, version, author(principal)));
    }

    @PostMapping("/{name}/rollback")
    @Operation(summary = "Re-activate the version that was active before the current one; 409 when none was")
    StrategyItemJson rollback(@PathVariable("name") String name, Principal principal) {
        return StrategyJson.strategy(strategies.rollback(name, author(principal)));
    }

    private static String author(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    /** Decodes a body in the content type's charset, UTF-8 by default, refusing bytes that are not text. */
    static String text(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            if (contentType != null) {
                Charset named = MediaType.parseMediaType(contentType).getCharset();
                charset = named == null ? charset : named;
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldError.at("", "unreadable Content-Type: " + e.getMessage()));
        }
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(FieldError.at("", "the body is not valid " + charset.name() + " text"));
        }
    }
}
