package dev.arrears.contact.template.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arrears.contact.RenderedMessage;
import dev.arrears.contact.TemplateDraft;
import dev.arrears.contact.TemplateVersionView;
import dev.arrears.contact.TemplateView;
import dev.arrears.contact.template.Variables.Variable;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.InvalidInputException;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The JSON shapes of the template API and the reading of a draft; times are ISO-8601 instants in UTC. */
final class TemplateJson {

    private static final Set<String> DRAFT_KEYS = Set.of("description", "maxSegments", "attachBill", "locales");

    private TemplateJson() {
    }

    /** A template in the list, or after an activation. */
    record TemplateItemJson(String name, String channel, Integer activeVersion, String activatedAt,
                            String activatedBy, int latestVersion, String updatedAt) {
    }

    /** A template with every version, newest first. */
    record TemplateDetailJson(String name, String channel, Integer activeVersion, String activatedAt,
                              String activatedBy, int latestVersion, String updatedAt, List<VersionJson> versions) {
    }

    /** One version with its texts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionJson(long id, String name, String channel, int version, String description, Integer maxSegments,
                       Boolean attachBill, String sha256, String createdAt, String createdBy, boolean active,
                       Map<String, Map<String, String>> locales) {
    }

    /** A rendered message; only the channel's parts are present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RenderedJson(String template, String channel, int version, long versionId, String locale, String subject,
                        String title, String body, String html, String text, boolean hasOptOut, SmsJson sms) {
    }

    /** How an SMS travels. */
    record SmsJson(String encoding, int units, int segments, int maxSegments, boolean withinLimit) {
    }

    /** A valid draft's answer. */
    record ValidJson(boolean valid) {
    }

    /** One variable of the table. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VariableJson(String name, String kind, String scope, String description, String example) {
    }

    static TemplateItemJson item(TemplateView v) {
        return new TemplateItemJson(v.name(), v.channel().name(), v.activeVersion(), instant(v.activatedAt()),
                v.activatedBy(), v.latestVersion(), instant(v.updatedAt()));
    }

    static TemplateDetailJson detail(TemplateView v, List<TemplateVersionView> versions) {
        return new TemplateDetailJson(v.name(), v.channel().name(), v.activeVersion(), instant(v.activatedAt()),
                v.activatedBy(), v.latestVersion(), instant(v.updatedAt()),
                versions.stream().map(TemplateJson::version).toList());
    }

    static VersionJson version(TemplateVersionView v) {
        return new VersionJson(v.id(), v.name(), v.channel().name(), v.version(), v.description(), v.maxSegments(),
                v.channel() == dev.arrears.shared.Channel.EMAIL ? v.attachBill() : null, v.sha256(), instant(v.createdAt()), v.createdBy(), v.active(), v.locales());
    }

    static RenderedJson rendered(RenderedMessage m) {
        SmsJson sms = m.sms() == null ? null : new SmsJson(m.sms().encoding().name().replace('_', '-'),
                m.sms().units(), m.sms().segments(), m.sms().maxSegments(), m.sms().withinLimit());
        return new RenderedJson(m.template(), m.channel().name(), m.version(), m.versionId(), m.locale(), m.subject(),
                m.title(), m.body(), m.html(), m.text(), m.hasOptOut(), sms);
    }

    static VariableJson variable(Variable v) {
        return new VariableJson(v.name(), v.kind().name().toLowerCase(Locale.ROOT),
                v.scope().name().toLowerCase(Locale.ROOT), v.description(), v.example().isEmpty() ? null : v.example());
    }

    /**
     * Reads a draft from a JSON body {@code {"description", "maxSegments", "attachBill", "locales": {"zh-CN":
     * {"body": "…"}}}}.
     * A body that is not an object is a 400; keys and values of the wrong kind are 422 problems at their pointers,
     * like the template's own problems.
     */
    static TemplateDraft draft(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(FieldError.at("", "the body must be a JSON object such as "
                    + "{\"locales\": {\"zh-CN\": {\"body\": \"…\"}, \"zh-TW\": {…}, \"en\": {…}}}"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.propertyNames()) {
            if (!DRAFT_KEYS.contains(key)) {
                errors.add(FieldError.at("/" + escape(key), "unknown key; a template version has description, "
                        + "maxSegments, attachBill and locales"));
            }
        }
        String description = null;
        JsonNode d = body.get("description");
        if (d != null && !d.isNull()) {
            if (d.isString()) {
                description = d.asString();
            } else {
                errors.add(FieldError.at("/description", "must be text"));
            }
        }
        Integer maxSegments = null;
        JsonNode m = body.get("maxSegments");
        if (m != null && !m.isNull()) {
            if (m.isIntegralNumber() && m.canConvertToInt()) {
                maxSegments = m.asInt();
            } else {
                errors.add(FieldError.at("/maxSegments", "must be a whole number from 1 to 10"));
            }
        }
        Boolean attachBill = null;
        JsonNode a = body.get("attachBill");
        if (a != null && !a.isNull()) {
            if (a.isBoolean()) {
                attachBill = a.asBoolean();
            } else {
                errors.add(FieldError.at("/attachBill", "must be true or false"));
            }
        }
        Map<String, Map<String, String>> locales = null;
        JsonNode l = body.get("locales");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                errors.add(FieldError.at("/locales", "must be an object of locales, as {\"zh-CN\": {…}, …}"));
            } else {
                locales = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> locale : l.properties()) {
                    locales.put(locale.getKey(), parts(locale.getKey(), locale.getValue(), errors));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return new TemplateDraft(description, maxSegments, locales, attachBill);
    }

    private static Map<String, String> parts(String locale, JsonNode node, List<FieldError> errors) {
        if (!node.isObject()) {
            return null; // the check says what a locale must be
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> part : node.properties()) {
            JsonNode value = part.getValue();
            if (value.isString()) {
                parts.put(part.getKey(), value.asString());
            } else if (!value.isNull()) {
                errors.add(FieldError.at("/locales/" + escape(locale) + "/" + escape(part.getKey()), "must be text"));
            }
        }
        return parts;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
