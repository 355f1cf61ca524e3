package dev.arrears.compliance;

import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.compliance.domain.Profile;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guard's JSON, shared by the REST API and the command line: reads a contact request from a JSON tree,
 * refusing unknown fields, unknown enum values, bad instants and local times, unknown zones and unknown profiles
 * with every problem at once as JSON Pointers ({@code /debtor/timeZones/0}, {@code /history/2/outcome}); writes
 * verdicts as {@code {"decision", "notBefore" (DEFER only), "reasons": [{"rule", "citation", "message"}]}} and
 * profiles as their data.
 */
public final class ComplianceJson {

    /** The most entries a list of the request may hold (history, opt-outs …). */
    public static final int MAX_ITEMS = 10_000;

    static final List<String> REQUEST_FIELDS = List.of("jurisdiction", "channel", "at", "purpose", "debtId",
            "recipient", "address", "message", "automated", "debtType", "debtor", "history");
    static final List<String> ADDRESS_FIELDS = List.of("kind", "value");
    static final List<String> MESSAGE_FIELDS = List.of("hasOptOut");
    static final List<String> DEBTOR_FIELDS = List.of("timeZones", "flags", "disputedDebtIds", "optOuts",
            "consents", "consentedTimes", "inconvenientTimes", "region");
    static final List<String> OPT_OUT_FIELDS = List.of("channel", "address");
    static final List<String> RANGE_FIELDS = List.of("from", "to");
    static final List<String> ATTEMPT_FIELDS = List.of("channel", "direction", "at", "outcome", "debtIds",
            "address");

    private static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<FieldError> errors = new ArrayList<>();

    private ComplianceJson() {
    }

    /**
     * Reads a contact request; throws {@link InvalidInputException} with every problem when it is malformed.
     *
     * @param profiles the ids of the known jurisdiction profiles
     */
    public static ContactRequest request(JsonNode root, Set<String> profiles) {
        ComplianceJson reader = new ComplianceJson();
        ContactRequest request = reader.readRequest(root, profiles);
        if (!reader.errors.isEmpty()) {
            throw new InvalidInputException(reader.errors);
        }
        return request;
    }

    /** Writes a verdict: decision, notBefore only with DEFER, and the reasons. */
    public static ObjectNode verdict(Verdict verdict) {
        ObjectNode json = NODES.objectNode();
        json.put("decision", verdict.decision().name());
        if (verdict.notBefore() != null) {
            json.put("notBefore", verdict.notBefore().toString());
        }
        ArrayNode reasons = json.putArray("reasons");
        for (Verdict.Reason reason : verdict.reasons()) {
            ObjectNode r = reasons.addObject();
            r.put("rule", reason.rule());
            r.put("citation", reason.citation());
            r.put("message", reason.message());
        }
        return json;
    }

    /** Writes a profile: id, version, title, window, default zones and its rules with citations and caps. */
    public static ObjectNode profile(Profile profile) {
        ObjectNode json = NODES.objectNode();
        json.put("id", profile.id());
        json.put("version", profile.version());
        json.put("title", profile.title());
        ObjectNode window = json.putObject("window");
        window.put("start", profile.window().start().toString());
        window.put("end", profile.window().end().toString());
        window.put("unlessConsented", profile.window().unlessConsented());
        ArrayNode zones = json.putArray("defaultZones");
        profile.defaultZones().forEach(z -> zones.add(z.getId()));
        ArrayNode rules = json.putArray("rules");
        profile.rules().forEach((id, setting) -> {
            ObjectNode rule = rules.addObject();
            rule.put("id", id.suffix());
            rule.put("rule", profile.ruleName(id));
            rule.put("citation", setting.citation());
            if (setting.limit() > 0) {
                rule.put("limit", setting.limit());
            }
            if (setting.days() > 0) {
                rule.put("days", setting.days());
            }
            if (!setting.regions().isEmpty()) {
                ArrayNode regions = rule.putArray("regions");
                setting.regions().stream().sorted().forEach(regions::add);
            }
        });
        return json;
    }

    // ---- reading ----

    private ContactRequest readRequest(JsonNode root, Set<String> profiles) {
        if (root == null || !root.isObject()) {
            errors.add(FieldError.at("", "must be a JSON object: a contact request"));
            return null;
        }
        known(root, "", REQUEST_FIELDS);
        String jurisdiction = text(root, "", "jurisdiction", true);
        if (jurisdiction != null && !profiles.contains(jurisdiction)) {
            errors.add(FieldError.at("/jurisdiction", "unknown jurisdiction profile '" + abbreviate(jurisdiction)
                    + "'; known: " + String.join(", ", profiles.stream().sorted().toList())));
        }
        Channel channel = choice(root, "", "channel", Channel.class, true);
        Instant at = instant(root, "", "at", true);
        Purpose purpose = choice(root, "", "purpose", Purpose.class, false);
        String debtId = text(root, "", "debtId", false);
        Recipient recipient = choice(root, "", "recipient", Recipient.class, false);
        Address address = address(root.get("address"));
        Message message = message(root.get("message"));
        Boolean automated = bool(root, "", "automated");
        DebtType debtType = choice(root, "", "debtType", DebtType.class, false);
        Debtor debtor = debtor(root.get("debtor"));
        List<Attempt> history = list(root, "", "history", this::attempt);
        if (!errors.isEmpty()) {
            return null;
        }
        return new ContactRequest(jurisdiction, channel, at, purpose, debtId, recipient, address, message,
                automated != null && automated, debtType, debtor, history);
    }

    private Address address(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!object(node, "/address", ADDRESS_FIELDS)) {
            return null;
        }
        AddressKind kind = choice(node, "/address", "kind", AddressKind.class, false);
        String value = text(node, "/address", "value", true);
        return new Address(kind, value);
    }

    private Message message(JsonNode node) {
        if (absent(node) || !object(node, "/message", MESSAGE_FIELDS)) {
            return null;
        }
        Boolean hasOptOut = bool(node, "/message", "hasOptOut");
        return new Message(hasOptOut != null && hasOptOut);
    }

    private Debtor debtor(JsonNode node) {
        if (absent(node) || !object(node, "/debtor", DEBTOR_FIELDS)) {
            return null;
        }
        String p = "/debtor";
        List<ZoneId> zones = list(node, p, "timeZones", (item, pointer) -> {
            String text = string(item, pointer, "a time zone id such as America/New_York");
            if (text == null) {
                return null;
            }
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                errors.add(FieldError.at(pointer, "unknown time zone '" + abbreviate(text) + "'; use an IANA id such "
                        + "as America/New_York"));
                return null;
            }
        });
        List<Flag> flags = list(node, p, "flags", (item, pointer) -> choice(item, pointer, Flag.class));
        List<String> disputed = list(node, p, "disputedDebtIds",
                (item, pointer) -> string(item, pointer, "a debt id"));
        List<OptOut> optOuts = list(node, p, "optOuts", (item, pointer) -> {
            if (!object(item, pointer, OPT_OUT_FIELDS)) {
                return null;
            }
            Channel channel = choice(item, pointer, "channel", Channel.class, true);
            String address = text(item, pointer, "address", false);
            return channel == null ? null : new OptOut(channel, address);
        });
        List<Channel> consents = list(node, p, "consents", (item, pointer) -> choice(item, pointer, Channel.class));
        List<InstantRange> consented = list(node, p, "consentedTimes", (item, pointer) -> {
            if (!object(item, pointer, RANGE_FIELDS)) {
                return null;
            }
            Instant from = instant(item, pointer, "from", true);
            Instant to = instant(item, pointer, "to", true);
            if (from != null && to != null && !from.isBefore(to)) {
                errors.add(FieldError.at(pointer + "/to", "must be after from"));
                return null;
            }
            return from == null || to == null ? null : new InstantRange(from, to);
        });
        List<LocalTimeRange> inconvenient = list(node, p, "inconvenientTimes", (item, pointer) -> {
            if (!object(item, pointer, RANGE_FIELDS)) {
                return null;
            }
            LocalTime from = localTime(item, pointer, "from");
            LocalTime to = localTime(item, pointer, "to");
            if (from != null && from.equals(to)) {
                errors.add(FieldError.at(pointer + "/to", "must differ from from (a range after from wraps past "
                        + "midnight)"));
                return null;
            }
            return from == null || to == null ? null : new LocalTimeRange(from, to);
        });
        String region = text(node, p, "region", false);
        if (region != null) {
            region = region.toUpperCase(Locale.ROOT);
            if (!REGION.matcher(region).matches()) {
                errors.add(FieldError.at(p + "/region", "'" + abbreviate(region) + "' is not an ISO 3166-2 region "
                        + "such as US-MA"));
            }
        }
        return new Debtor(zones, flags == null ? null : Set.copyOf(flags),
                disputed == null ? null : new LinkedHashSet<>(disputed), optOuts,
                consents == null ? null : Set.copyOf(consents), consented, inconvenient, region);
    }

    private Attempt attempt(JsonNode node, String pointer) {
        if (!object(node, pointer, ATTEMPT_FIELDS)) {
            return null;
        }
        Channel channel = choice(node, pointer, "channel", Channel.class, true);
        Direction direction = choice(node, pointer, "direction", Direction.class, false);
        Instant at = instant(node, pointer, "at", true);
        Outcome outcome = choice(node, pointer, "outcome", Outcome.class, false);
        List<String> debtIds = list(node, pointer, "debtIds", (item, p) -> string(item, p, "a debt id"));
        String address = text(node, pointer, "address", false);
        if (channel == null || at == null) {
            return null;
        }
        return new Attempt(channel, direction, at, outcome, debtIds, address);
    }

    // ---- typed access ----

    /** Reads one list item at a pointer; returns null after recording a problem. */
    private interface Item<T> {
        T read(JsonNode node, String pointer);
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Returns true when the node is an object, recording unknown members. */
    private boolean object(JsonNode node, String pointer, List<String> allowed) {
        if (!node.isObject()) {
            errors.add(FieldError.at(pointer, "must be an object with " + String.join(", ", allowed)));
            return false;
        }
        known(node, pointer, allowed);
        return true;
    }

    private void known(JsonNode node, String pointer, List<String> allowed) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!allowed.contains(property.getKey())) {
                errors.add(FieldError.at(pointer + "/" + escape(property.getKey()), "unknown field '"
                        + abbreviate(property.getKey()) + "'; allowed: " + String.join(", ", allowed)));
            }
        }
    }

    private JsonNode member(JsonNode parent, String pointer, String key, boolean required) {
        JsonNode node = parent.get(key);
        if (absent(node)) {
            if (required) {
                errors.add(FieldError.at(pointer + "/" + key, "is required"));
            }
            return null;
        }
        return node;
    }

    private String text(JsonNode parent, String pointer, String key, boolean required) {
        JsonNode node = member(parent, pointer, key, required);
        if (node == null) {
            return null;
        }
        String text = string(node, pointer + "/" + key, "text");
        if (text != null && text.isBlank()) {
            errors.add(FieldError.at(pointer + "/" + key, "must not be blank"));
            return null;
        }
        return text;
    }

    private String string(JsonNode node, String pointer, String what) {
        if (!node.isString()) {
            errors.add(FieldError.at(pointer, "must be " + what + " (a JSON string)"));
            return null;
        }
        return node.stringValue();
    }

    private Boolean bool(JsonNode parent, String pointer, String key) {
        JsonNode node = member(parent, pointer, key, false);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            errors.add(FieldError.at(pointer + "/" + key, "must be true or false"));
            return null;
        }
        return node.booleanValue();
    }

    private <E extends Enum<E>> E choice(JsonNode parent, String pointer, String key, Class<E> type,
                                         boolean required) {
        JsonNode node = member(parent, pointer, key, required);
        return node == null ? null : choice(node, pointer + "/" + key, type);
    }

    private <E extends Enum<E>> E choice(JsonNode node, String pointer, Class<E> type) {
        String names = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        if (!node.isString()) {
            errors.add(FieldError.at(pointer, "must be one of " + names));
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(node.stringValue())) {
                return value;
            }
        }
        errors.add(FieldError.at(pointer, "'" + abbreviate(node.stringValue()) + "' is not one of " + names));
        return null;
    }

    private Instant instant(JsonNode parent, String pointer, String key, boolean required) {
        JsonNode node = member(parent, pointer, key, required);
        if (node == null) {
            return null;
        }
        String hint = "must be an ISO-8601 instant with a zone offset, such as 2026-04-13T11:00:00Z";
        if (!node.isString()) {
            errors.add(FieldError.at(pointer + "/" + key, hint));
            return null;
        }
        try {
            return Instant.parse(node.stringValue());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.at(pointer + "/" + key, hint + ", not '" + abbreviate(node.stringValue()) + "'"));
            return null;
        }
    }

    private LocalTime localTime(JsonNode parent, String pointer, String key) {
        JsonNode node = member(parent, pointer, key, true);
        if (node == null) {
            return null;
        }
        String hint = "must be a local time HH:mm such as 13:00";
        if (!node.isString()) {
            errors.add(FieldError.at(pointer + "/" + key, hint));
            return null;
        }
        try {
            return LocalTime.parse(node.stringValue());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.at(pointer + "/" + key, hint + ", not '" + abbreviate(node.stringValue()) + "'"));
            return null;
        }
    }

    /** Reads an optional list member item by item; null when absent, or after recording that it is no list. */
    private <T> List<T> list(JsonNode parent, String pointer, String key, Item<T> item) {
        JsonNode node = member(parent, pointer, key, false);
        if (node == null) {
            return null;
        }
        String at = pointer + "/" + key;
        if (!node.isArray()) {
            errors.add(FieldError.at(at, "must be a JSON array"));
            return null;
        }
        if (node.size() > MAX_ITEMS) {
            errors.add(FieldError.at(at, "has " + node.size() + " entries; at most " + MAX_ITEMS));
            return null;
        }
        List<T> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            T value = item.read(node.get(i), at + "/" + i);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
