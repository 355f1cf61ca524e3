package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the jurisdiction profile that governs a contact from the debtor's country and region, the business line,
 * who collects and the debt type, by a table of rules read from YAML ({@code compliance/selection.yaml}): the
 * first rule whose every condition holds wins, and the last rule has no condition (the fallback), so every input
 * gets a profile. Product lines listed as commercial make the debt COMMERCIAL before the rules are matched, so
 * that the guard applies only the window and holds of the profile chosen. Immutable and pure.
 */
public final class ProfileSelector {

    /** Collector roles a rule may name: a business collecting its own bills, or an agency collecting for it. */
    public static final Set<String> ROLES = Set.of("FIRST_PARTY", "AGENCY");
    /** Business lines a rule may name: the ledger's product lines. */
    public static final Set<String> PRODUCT_LINES = Set.of("TELECOM_POSTPAID", "BROADBAND", "WALLET_CREDIT",
            "B2B_INVOICE", "UTILITY", "OTHER");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern REGION = Pattern.compile("([A-Z]{2})-[A-Z0-9]{1,3}");
    private static final Pattern PROFILE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    private static final List<String> TOP_KEYS = List.of("commercialProductLines", "rules");
    private static final List<String> RULE_KEYS = List.of("name", "when", "profile");
    private static final List<String> CONDITION_KEYS = List.of("country", "region", "productLine", "collectorRole",
            "debtType");
    /** Largest document read, in characters: a selection table is a few kilobytes. */
    private static final int MAX_CHARS = 200_000;

    /** The profile chosen, the debt type the guard is to apply, and the name of the rule that chose it. */
    public record Choice(String profile, DebtType debtType, String rule) {
    }

    /** One row of the table: each condition is a set of accepted values, empty meaning any. */
    public record Rule(String name, Set<String> countries, Set<String> regions, Set<String> productLines,
                       Set<String> roles, Set<DebtType> debtTypes, String profile) {

        public Rule {
            countries = Set.copyOf(countries);
            regions = Set.copyOf(regions);
            productLines = Set.copyOf(productLines);
            roles = Set.copyOf(roles);
            debtTypes = Set.copyOf(debtTypes);
        }

        /** Returns true when every condition holds; a condition on a value the caller does not know fails. */
        boolean matches(String country, String region, String productLine, String role, DebtType debtType) {
            return accepts(countries, country) && accepts(regions, region) && accepts(productLines, productLine)
                    && accepts(roles, role) && (debtTypes.isEmpty() || debtTypes.contains(debtType));
        }

        boolean unconditional() {
            return countries.isEmpty() && regions.isEmpty() && productLines.isEmpty() && roles.isEmpty()
                    && debtTypes.isEmpty();
        }

        private static boolean accepts(Set<String> accepted, String value) {
            return accepted.isEmpty() || value != null && accepted.contains(value);
        }
    }

    private final Set<String> commercialProductLines;
    private final List<Rule> rules;
    private final Map<String, String> substitutions;

    /** Returns a selector over rules (the last one unconditional) and the product lines that are commercial. */
    public ProfileSelector(Collection<String> commercialProductLines, List<Rule> rules) {
        this(Set.copyOf(commercialProductLines), List.copyOf(rules), Map.of());
        if (this.rules.isEmpty() || !this.rules.getLast().unconditional()) {
            throw new IllegalArgumentException("the last rule must have no condition: it is the fallback");
        }
    }

    private ProfileSelector(Set<String> commercialProductLines, List<Rule> rules, Map<String, String> substitutions) {
        this.commercialProductLines = commercialProductLines;
        this.rules = rules;
        this.substitutions = substitutions;
    }

    /**
     * Returns the profile for a contact. Country and region are ISO codes in any case ({@code UK} reads as
     * {@code GB}); null means unknown. A null debt type is CONSUMER unless the product line is commercial.
     */
    public Choice select(String country, String region, String productLine, String collectorRole,
                         DebtType debtType) {
        String c = normalize(country);
        c = "UK".equals(c) ? "GB" : c;
        String r = normalize(region);
        String p = normalize(productLine);
        String role = normalize(collectorRole);
        DebtType type = debtType == DebtType.COMMERCIAL || p != null && commercialProductLines.contains(p)
                ? DebtType.COMMERCIAL : DebtType.CONSUMER;
        for (Rule rule : rules) {
            if (rule.matches(c, r, p, role, type)) {
                return new Choice(substitutions.getOrDefault(rule.profile(), rule.profile()), type, rule.name());
            }
        }
        throw new IllegalStateException("unreachable: the last rule is unconditional");
    }

    /**
     * Returns this selector with some profiles replaced by others wherever chosen, e.g. {@code CN-NIFA →
     * CN-NIFA-2018} for a business bound to the 2018 convention.
     */
    public ProfileSelector withSubstitutions(Map<String, String> replacements) {
        Map<String, String> merged = new LinkedHashMap<>(substitutions);
        merged.putAll(replacements);
        return new ProfileSelector(commercialProductLines, rules, Map.copyOf(merged));
    }

    /** Returns every profile id this selector can choose, so that a caller can check each exists. */
    public Set<String> profiles() {
        Set<String> ids = new LinkedHashSet<>();
        for (Rule rule : rules) {
            ids.add(substitutions.getOrDefault(rule.profile(), rule.profile()));
        }
        return ids;
    }

    /** Returns the rules in order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Parses substitutions written as {@code FROM=TO} pairs separated by commas ({@code CN-NIFA=CN-NIFA-2018});
     * blank gives none.
     */
    public static Map<String, String> parseSubstitutions(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return pairs;
        }
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || !PROFILE.matcher(parts[0].strip()).matches()
                    || !PROFILE.matcher(parts[1].strip()).matches()) {
                throw new IllegalArgumentException("'" + pair.strip() + "' is not a substitution such as "
                        + "CN-NIFA=CN-NIFA-2018");
            }
            pairs.put(parts[0].strip(), parts[1].strip());
        }
        return pairs;
    }

    /** Reads a selection table from YAML; throws with every problem, each at its JSON Pointer. */
    public static ProfileSelector parse(String yaml) {
        List<FieldError> errors = new ArrayList<>();
        Object root = load(yaml, errors);
        if (root == null) {
            throw new InvalidDocumentException(errors);
        }
        Map<String, Object> top = mapping(root, "", TOP_KEYS, errors);
        Set<String> commercial = new LinkedHashSet<>();
        List<Rule> rules = new ArrayList<>();
        if (top != null) {
            commercial.addAll(values(top.get("commercialProductLines"), "/commercialProductLines", PRODUCT_LINES,
                    "a product line", errors));
            Object list = top.get("rules");
            if (!(list instanceof List<?> items) || items.isEmpty()) {
                errors.add(FieldError.at("/rules", "must be a list of rules, the last one without conditions"));
            } else {
                Set<String> names = new LinkedHashSet<>();
                for (int i = 0; i < items.size(); i++) {
                    Rule rule = rule(items.get(i), "/rules/" + i, errors);
                    if (rule != null) {
                        if (!names.add(rule.name())) {
                            errors.add(FieldError.at("/rules/" + i + "/name", "duplicate rule name '"
                                    + rule.name() + "'"));
                        }
                        if (rule.unconditional() && i < items.size() - 1) {
                            errors.add(FieldError.at("/rules/" + i + "/when", "a rule without conditions matches "
                                    + "everything: only the last rule may have none"));
                        }
                        rules.add(rule);
                    }
                }
                if (rules.size() == items.size() && !rules.getLast().unconditional()) {
                    errors.add(FieldError.at("/rules/" + (items.size() - 1) + "/when",
                            "the last rule must have no conditions: it is the fallback"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDocumentException(errors);
        }
        return new ProfileSelector(commercial, rules);
    }

    private static Object load(String yaml, List<FieldError> errors) {
        if (yaml == null || yaml.isBlank()) {
            errors.add(FieldError.at("", "the selection document is empty"));
            return null;
        }
        if (yaml.length() > MAX_CHARS) {
            errors.add(FieldError.at("", "the selection document is longer than " + MAX_CHARS + " characters"));
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            // SafeConstructor: plain maps, lists and scalars only; no tag can construct an object
            Object root = new Yaml(new SafeConstructor(options)).load(yaml);
            if (root == null) {
                errors.add(FieldError.at("", "the selection document is empty"));
            }
            return root;
        } catch (YAMLException e) {
            errors.add(FieldError.at("", "not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
            return null;
        }
    }

    private static Rule rule(Object node, String pointer, List<FieldError> errors) {
        Map<String, Object> fields = mapping(node, pointer, RULE_KEYS, errors);
        if (fields == null) {
            return null;
        }
        int before = errors.size();
        String name = fields.get("name") instanceof String s && !s.isBlank() ? s.strip() : null;
        if (name == null) {
            errors.add(FieldError.at(pointer + "/name", "is required: a name for the rule"));
        }
        String profile = fields.get("profile") instanceof String s ? s.strip() : null;
        if (profile == null || !PROFILE.matcher(profile).matches()) {
            errors.add(FieldError.at(pointer + "/profile", "must be a profile id such as US-REGF"));
        }
        Map<String, Object> when = fields.get("when") == null ? Map.of()
                : mapping(fields.get("when"), pointer + "/when", CONDITION_KEYS, errors);
        if (when == null) {
            return null;
        }
        String at = pointer + "/when/";
        Set<String> countries = values(when.get("country"), at + "country", COUNTRIES,
                "an ISO 3166-1 alpha-2 country code", errors);
        Set<String> regions = new LinkedHashSet<>();
        for (String region : values(when.get("region"), at + "region", null, null, errors)) {
            var m = REGION.matcher(region);
            if (!m.matches() || !COUNTRIES.contains(m.group(1))) {
                errors.add(FieldError.at(at + "region", "'" + region + "' is not an ISO 3166-2 region such as "
                        + "US-MA"));
            }
            regions.add(region);
        }
        Set<String> products = values(when.get("productLine"), at + "productLine", PRODUCT_LINES, "a product line",
                errors);
        Set<String> roles = values(when.get("collectorRole"), at + "collectorRole", ROLES, "a collector role",
                errors);
        Set<DebtType> debtTypes = new LinkedHashSet<>();
        for (String type : values(when.get("debtType"), at + "debtType", Set.of("CONSUMER", "COMMERCIAL"),
                "a debt type", errors)) {
            debtTypes.add(DebtType.valueOf(type));
        }
        return errors.size() > before ? null
                : new Rule(name, countries, regions, products, roles, debtTypes, profile);
    }

    /** Reads a scalar or a list of scalars, upper-cased; checks each against the allowed values when given. */
    private static Set<String> values(Object node, String pointer, Set<String> allowed, String what,
                                      List<FieldError> errors) {
        Set<String> result = new LinkedHashSet<>();
        if (node == null) {
            return result;
        }
        List<?> items = node instanceof List<?> list ? list : List.of(node);
        for (Object item : items) {
            if (!(item instanceof String || item instanceof Number) || item.toString().isBlank()) {
                errors.add(FieldError.at(pointer, "must be a value or a list of values"));
                continue;
            }
            String value = item.toString().strip().toUpperCase(Locale.ROOT);
            if (allowed != null && !allowed.contains(value)) {
                errors.add(FieldError.at(pointer, "'" + value + "' is not " + what + "; allowed: "
                        + (allowed.size() > 20 ? "see the documentation" : String.join(", ", sorted(allowed)))));
                continue;
            }
            result.add(value);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object node, String pointer, List<String> keys,
                                               List<FieldError> errors) {
        if (!(node instanceof Map<?, ?> map)) {
            errors.add(FieldError.at(pointer, "must be a mapping of " + String.join(", ", keys)));
            return null;
        }
        boolean ok = true;
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || !keys.contains(k)) {
                errors.add(FieldError.at(pointer + "/" + key, "unknown key '" + key + "'; allowed: "
                        + String.join(", ", keys)));
                ok = false;
            }
        }
        return ok ? (Map<String, Object>) map : null;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String normalize(String text) {
        return text == null || text.isBlank() ? null : text.strip().toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProfileSelector s && s.rules.equals(rules)
                && s.commercialProductLines.equals(commercialProductLines) && s.substitutions.equals(substitutions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, commercialProductLines, substitutions);
    }
}
