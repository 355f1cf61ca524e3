package dev.arrears.platform;

import dev.arrears.platform.ApiTokenFilter.TokenAuthentication;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.arrears.platform.Role.AGENCY;
import static dev.arrears.platform.Role.AUDITOR;
import static dev.arrears.platform.Role.COLLECTOR;
import static dev.arrears.platform.Role.MANAGER;
import static dev.arrears.platform.Role.STRATEGIST;
import static dev.arrears.platform.Role.SUPERVISOR;

/**
 * Who may change what through the API, in one table: every write ({@code POST}, {@code PUT}, {@code PATCH},
 * {@code DELETE}) under {@code /api/} must match a rule here, and ADMIN is allowed every rule; a write no rule names
 * is ADMIN's alone, and AUDITOR is in no rule but the dry runs (a POST only to carry a body: they write nothing),
 * so it reads everything, dry-runs like the strategy pages let it, and changes nothing. Reads are open to every
 * signed-in user except where a controller narrows them ({@code @PreAuthorize} on audit, personal data and API
 * tokens). API tokens are not judged here: {@link ApiTokenFilter} has already held them to their scopes. Amount
 * limits of approvals are the arrangement module's ({@code ApprovalLimits}: COLLECTOR, SUPERVISOR, MANAGER).
 */
final class AccessRules {

    /** One rule: requests with this method whose path matches the pattern need one of the roles (or ADMIN). */
    record Rule(HttpMethod method, String pattern, Set<Role> roles) {
    }

    private static final Set<Role> CASEWORK = EnumSet.of(COLLECTOR, SUPERVISOR, MANAGER, AGENCY);
    private static final Set<Role> APPROVERS = EnumSet.of(COLLECTOR, SUPERVISOR, MANAGER);
    /** Dry runs write nothing, so an auditor may make them too (the strategy pages' dry run is a GET anyway). */
    private static final Set<Role> DRY_RUNS = EnumSet.of(STRATEGIST, MANAGER, SUPERVISOR, COLLECTOR, AUDITOR);

    /** Page forms that are dry runs: posted by every role that may post forms, and by AUDITOR. */
    static final String[] PAGE_DRY_RUNS = {"/strategies/editor/validate"};

    /** The rules, first match wins. */
    static final List<Rule> API = List.of(
            // strategies and templates: only strategists edit and activate; dry runs change nothing
            post("/api/v1/strategies/validate", DRY_RUNS),
            post("/api/v1/strategies/*/evaluate", DRY_RUNS),
            post("/api/v1/strategies", STRATEGIST),
            post("/api/v1/strategies/**", STRATEGIST),
            // risk models: strategists train and activate them
            post("/api/v1/scoring/models", STRATEGIST),
            post("/api/v1/scoring/models/*/activate", STRATEGIST),
            post("/api/v1/templates/*/*/validate", DRY_RUNS),
            post("/api/v1/templates/*/*/preview", DRY_RUNS),
            post("/api/v1/templates/**", STRATEGIST),
            post("/api/v1/compliance/evaluate", DRY_RUNS),
            // runs of the machinery
            post("/api/v1/cycles", EnumSet.of(MANAGER, STRATEGIST)),
            post("/api/v1/dispatch/**", MANAGER),
            post("/api/v1/letters/**", EnumSet.of(MANAGER, SUPERVISOR)),
            // casework on an account or a customer
            post("/api/v1/call-tasks/*/assign", EnumSet.of(MANAGER, SUPERVISOR)),
            post("/api/v1/call-tasks/**", CASEWORK),
            post("/api/v1/accounts/*/promises/**", CASEWORK),
            post("/api/v1/accounts/*/promises", CASEWORK),
            post("/api/v1/accounts/*/plans/**", CASEWORK),
            post("/api/v1/accounts/*/plans", CASEWORK),
            post("/api/v1/accounts/*/payment-links", CASEWORK),
            post("/api/v1/accounts/*/complaints", CASEWORK),
            post("/api/v1/accounts/*/settlements", APPROVERS),
            post("/api/v1/accounts/*/waivers", APPROVERS),
            post("/api/v1/approvals/**", APPROVERS),
            post("/api/v1/accounts/*/mandates", CASEWORK),
            post("/api/v1/mandates/*/revoke", CASEWORK),
            post("/api/v1/customers/*/flags/**", CASEWORK),
            post("/api/v1/customers/*/flags", CASEWORK),
            new Rule(HttpMethod.PUT, "/api/v1/customers/*/inconvenient-times", CASEWORK),
            new Rule(HttpMethod.PUT, "/api/v1/customers/*/consented-times", CASEWORK),
            post("/api/v1/customers/*/opt-outs", CASEWORK),
            post("/api/v1/customers/*/consents", CASEWORK),
            // the ledger and its feeds: operations
            post("/api/v1/bank/unmatched/**", EnumSet.of(MANAGER, SUPERVISOR)),
            post("/api/v1/direct-debits/**", MANAGER),
            post("/api/v1/imports/**", MANAGER),
            post("/api/v1/customers", MANAGER),
            post("/api/v1/accounts", MANAGER),
            post("/api/v1/bills", MANAGER),
            post("/api/v1/payments", MANAGER),
            post("/api/v1/payments/*/reversal", MANAGER),
            post("/api/v1/adjustments", MANAGER));

    private AccessRules() {
    }

    /** Returns a decision for a rule's roles plus ADMIN; an API token passes, its scopes having been checked. */
    static AuthorizationManager<RequestAuthorizationContext> allow(Set<Role> roles) {
        String[] names = roles(roles);
        AuthorityAuthorizationManager<RequestAuthorizationContext> byRole = AuthorityAuthorizationManager
                .hasAnyRole(names);
        return (authentication, context) -> authentication.get() instanceof TokenAuthentication
                ? new AuthorizationDecision(true)
                : byRole.authorize(authentication, context);
    }

    /** Returns the names of the roles plus ADMIN. */
    static String[] roles(Set<Role> roles) {
        Set<Role> all = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        all.add(Role.ADMIN);
        return all.stream().map(Role::name).toArray(String[]::new);
    }

    /** Returns every role but AUDITOR: those that may post the pages' forms (dry runs aside) at all. */
    static String[] writers() {
        return Arrays.stream(Role.values()).filter(r -> r != Role.AUDITOR).map(Role::name).toArray(String[]::new);
    }

    private static Rule post(String pattern, Set<Role> roles) {
        return new Rule(HttpMethod.POST, pattern, roles);
    }

    private static Rule post(String pattern, Role role) {
        return new Rule(HttpMethod.POST, pattern, EnumSet.of(role));
    }
}
