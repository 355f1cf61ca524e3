package dev.arrears.arrangement.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may approve how much: each approving role's limit per currency, in minor units (a role without a limit for a
 * currency cannot approve in it; MANAGER has none: it approves any amount). An approval needs a checker who is not
 * the maker and whose highest role covers the amount given away.
 */
public final class ApprovalLimits {

    /** The roles that approve, lowest first. */
    public enum Role { COLLECTOR, SUPERVISOR, MANAGER }

    /** Why an approval is refused, or null when the checker may approve. */
    public record Refusal(String reason) {
    }

    private final Map<Role, Map<String, Long>> limits;

    /** Limits by role and currency code (minor units); MANAGER's are ignored: it is unlimited. */
    public ApprovalLimits(Map<Role, Map<String, Long>> limits) {
        Map<Role, Map<String, Long>> copy = new EnumMap<>(Role.class);
        limits.forEach((role, byCurrency) -> copy.put(role, Map.copyOf(byCurrency)));
        this.limits = copy;
    }

    /**
     * The defaults of {@code arrears.approvals.limits.*}: a collector up to 500, a supervisor up to 5,000 of the
     * main currencies' major units (CNY, HKD, TWD ×10, USD and EUR ÷5 roughly in line), a manager anything.
     */
    public static ApprovalLimits defaults() {
        Map<Role, Map<String, Long>> m = new EnumMap<>(Role.class);
        m.put(Role.COLLECTOR, new HashMap<>(Map.of("CNY", 50_000L, "HKD", 50_000L, "TWD", 500_000L,
                "USD", 10_000L, "EUR", 10_000L)));
        m.put(Role.SUPERVISOR, new HashMap<>(Map.of("CNY", 500_000L, "HKD", 500_000L, "TWD", 5_000_000L,
                "USD", 100_000L, "EUR", 100_000L)));
        return new ApprovalLimits(m);
    }

    /** Returns these limits with one role's limit for one currency set (minor units). */
    public ApprovalLimits with(Role role, String currency, long minor) {
        Map<Role, Map<String, Long>> copy = new EnumMap<>(Role.class);
        limits.forEach((r, byCurrency) -> copy.put(r, new HashMap<>(byCurrency)));
        copy.computeIfAbsent(role, r -> new HashMap<>()).put(currency, minor);
        return new ApprovalLimits(copy);
    }

    /** Returns a role's limit in a currency: empty when the role cannot approve in it, MAX_VALUE for MANAGER. */
    public Optional<Long> limit(Role role, String currency) {
        if (role == Role.MANAGER) {
            return Optional.of(Long.MAX_VALUE);
        }
        return Optional.ofNullable(limits.getOrDefault(role, Map.of()).get(currency));
    }

    /** Returns the lowest role whose limit covers the amount. */
    public Role requiredRole(long amountMinor, String currency) {
        for (Role role : Role.values()) {
            if (limit(role, currency).map(l -> amountMinor <= l).orElse(false)) {
                return role;
            }
        }
        return Role.MANAGER;
    }

    /**
     * Returns why a checker with these role names ("COLLECTOR", "SUPERVISOR", …; others are ignored) may not
     * approve what the maker asked, or null when they may.
     */
    public Refusal check(String maker, String checker, Collection<String> checkerRoles, long amountMinor,
                         String currency) {
        if (maker.equals(checker)) {
            return new Refusal("the maker of a request cannot approve it: another user must");
        }
        List<Role> roles = checkerRoles.stream().flatMap(r -> java.util.Arrays.stream(Role.values())
                .filter(x -> x.name().equals(r))).toList();
        if (roles.isEmpty()) {
            return new Refusal("approving needs the role COLLECTOR, SUPERVISOR or MANAGER");
        }
        for (Role role : roles) {
            if (limit(role, currency).map(l -> amountMinor <= l).orElse(false)) {
                return null;
            }
        }
        return new Refusal("the amount is above the approval limit of your role; it needs "
                + requiredRole(amountMinor, currency));
    }
}
