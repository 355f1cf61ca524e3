package dev.arrears.contact.template.web;

import dev.arrears.contact.TemplateVersionView;
import dev.arrears.contact.TemplateView;
import dev.arrears.contact.Templates;
import dev.arrears.contact.template.Field;
import dev.arrears.contact.template.Locales;
import dev.arrears.contact.template.Variables;
import dev.arrears.contact.template.web.TemplateJson.RenderedJson;
import dev.arrears.contact.template.web.TemplateJson.TemplateDetailJson;
import dev.arrears.contact.template.web.TemplateJson.TemplateItemJson;
import dev.arrears.contact.template.web.TemplateJson.ValidJson;
import dev.arrears.contact.template.web.TemplateJson.VariableJson;
import dev.arrears.contact.template.web.TemplateJson.VersionJson;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The template API: list templates, read one with its versions, store a new version (validated: 422 with every
 * problem at {@code /locales/<locale>/<part>} with line and column), check a draft without storing it, activate a
 * version, list the variables, and preview a template rendered for a real account. Channels are written in any
 * case in paths ({@code sms}, {@code SMS}).
 */
@RestController
@RequestMapping("/api/v1/templates")
@Tag(name = "Templates", description = "Message templates per channel in zh-CN, zh-TW and en, with versions")
class TemplateController {

    private static final Set<String> PREVIEW_KEYS = Set.of("accountId", "locale", "version", "jurisdiction",
            "collectorName");

    private final Templates templates;

    TemplateController(Templates templates) {
        this.templates = templates;
    }

    @GetMapping
    @Operation(summary = "List the templates with their active and latest versions")
    List<TemplateItemJson> list() {
        return templates.list().stream().map(TemplateJson::item).toList();
    }

    @GetMapping("/variables")
    @Operation(summary = "List the variables templates may use, with their kinds and scopes")
    List<VariableJson> variables() {
        return Variables.all().stream().map(TemplateJson::variable).toList();
    }

    @GetMapping("/{name}/{channel}")
    @Operation(summary = "Show a template with every version and its texts, newest first")
    TemplateDetailJson get(@PathVariable("name") String name, @PathVariable("channel") String channel) {
        Channel c = channel(channel);
        TemplateView template = templates.template(name, c);
        return TemplateJson.detail(template, templates.versions(name, c));
    }

    @PostMapping("/{name}/{channel}")
    @Operation(summary = "Store a new version of a template (not activated); 422 with positions when invalid")
    ResponseEntity<VersionJson> create(@PathVariable("name") String name, @PathVariable("channel") String channel,
                                       @RequestBody JsonNode body, Principal principal) {
        TemplateVersionView created = templates.createVersion(name, channel(channel), TemplateJson.draft(body),
                author(principal));
        URI location = URI.create("/api/v1/templates/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8)
                + "/" + created.channel().name().toLowerCase(Locale.ROOT));
        return ResponseEntity.created(location).body(TemplateJson.version(created));
    }

    @PostMapping("/{name}/{channel}/validate")
    @Operation(summary = "Check a template version without storing it: 200 when valid, else 422 with positions")
    ValidJson validate(@PathVariable("name") String name, @PathVariable("channel") String channel,
                       @RequestBody JsonNode body) {
        List<FieldError> errors = templates.check(name, channel(channel), TemplateJson.draft(body));
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return new ValidJson(true);
    }

    @PostMapping("/{name}/{channel}/versions/{version}/activate")
    @Operation(summary = "Make a version the one messages are rendered with")
    TemplateItemJson activate(@PathVariable("name") String name, @PathVariable("channel") String channel,
                              @PathVariable("version") int version, Principal principal) {
        return TemplateJson.item(templates.activate(name, channel(channel), version, author(principal)));
    }

    @PostMapping("/{name}/{channel}/preview")
    @Operation(summary = "Render a template for an account without sending anything: "
            + "{\"accountId\": 1, \"locale\": \"zh-CN\", \"version\": 2, \"jurisdiction\": \"US-REGF\", "
            + "\"collectorName\": \"…\"} (all but accountId optional)")
    RenderedJson preview(@PathVariable("name") String name, @PathVariable("channel") String channel,
                         @RequestBody JsonNode body, Principal principal) {
        Channel c = channel(channel);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(FieldError.at("", "the body must be a JSON object such as "
                    + "{\"accountId\": 1, \"locale\": \"zh-CN\"}"));
        }
        Parameters p = new Parameters();
        for (String key : body.propertyNames()) {
            if (!PREVIEW_KEYS.contains(key)) {
                p.problem(key, "unknown key; a preview takes accountId, locale, version, jurisdiction, collectorName");
            }
        }
        Long accountId = p.id("accountId", text(body, "accountId"));
        p.required("accountId", accountId, "1001");
        String version = text(body, "version");
        int v = p.integer("version", version, 0, 1, Integer.MAX_VALUE);
        String locale = text(body, "locale");
        if (locale != null && !Locales.supported(locale)) {
            p.problem("locale", "'" + Parameters.abbreviate(locale) + "' is not one of zh-CN, zh-TW, en");
        }
        p.check();
        return TemplateJson.rendered(templates.preview(name, c, version == null ? null : v, accountId, locale,
                text(body, "jurisdiction"), text(body, "collectorName"), author(principal)));
    }

    private static String text(JsonNode body, String key) {
        JsonNode node = body.get(key);
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asString() : node.toString();
    }

    private static Channel channel(String text) {
        Parameters p = new Parameters();
        Channel channel = p.oneOf("channel", text, Channel.class);
        if (channel != null && !Field.templated(channel)) {
            p.problem("channel", channel + " has no templates; one of SMS, EMAIL, PUSH, LETTER, CALL");
        }
        p.check();
        return channel;
    }

    private static String author(Principal principal) {
        return principal == null ? null : principal.getName();
    }
}
