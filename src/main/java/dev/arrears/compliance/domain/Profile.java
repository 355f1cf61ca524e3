package dev.arrears.compliance.domain;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A jurisdiction profile: the rules of one market as data, read from a YAML file and versioned. It names the
 * contact window (local, half-open), the zones to assume when the debtor's are unknown, and the rules it applies,
 * each with its citation and, for counting rules, its caps. Every profile applies {@link RuleId#CONTACT_WINDOW}
 * and {@link RuleId#HOLD}.
 *
 * @param window       the local contact window, the same in every zone
 * @param defaultZones the candidate zones when the debtor has none (never empty; the first one counts days)
 * @param rules        the rules applied, by id
 */
public record Profile(String id, int version, String title, Window window, List<ZoneId> defaultZones,
                      Map<RuleId, RuleSetting> rules) {

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(window, "window");
        defaultZones = List.copyOf(defaultZones);
        if (defaultZones.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one default zone");
        }
        if (!rules.containsKey(RuleId.CONTACT_WINDOW) || !rules.containsKey(RuleId.HOLD)) {
            throw new IllegalArgumentException("every profile applies contact-window and hold");
        }
        EnumMap<RuleId, RuleSetting> copy = new EnumMap<>(RuleId.class);
        copy.putAll(rules);
        rules = Collections.unmodifiableMap(copy);
    }

    /**
     * A local contact window {@code start ≤ t < end} (start before end, within one day).
     *
     * @param unlessConsented whether an instant inside one of the debtor's consented times is allowed outside it
     */
    public record Window(LocalTime start, LocalTime end, boolean unlessConsented) {

        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("the window must start before it ends");
            }
        }
    }

    /**
     * How a profile applies one rule: the citation shown in verdicts and, for the counting rules, the cap.
     *
     * @param limit   the most contacts allowed in the period (0 when the rule takes none)
     * @param days    the period in local calendar days (0 when the rule takes none)
     * @param regions ISO 3166-2 regions the rule is limited to (empty: everyone)
     */
    public record RuleSetting(String citation, int limit, int days, Set<String> regions) {

        public RuleSetting {
            Objects.requireNonNull(citation, "citation");
            regions = regions == null ? Set.of() : Set.copyOf(regions);
        }

        /** Returns a setting with a citation only. */
        public static RuleSetting cited(String citation) {
            return new RuleSetting(citation, 0, 0, Set.of());
        }
    }

    /** Returns true when the profile applies the rule. */
    public boolean applies(RuleId rule) {
        return rules.containsKey(rule);
    }

    /** Returns the rule's name in verdicts: {@code US-REGF/contact-window}. */
    public String ruleName(RuleId rule) {
        return id + "/" + rule.suffix();
    }
}
