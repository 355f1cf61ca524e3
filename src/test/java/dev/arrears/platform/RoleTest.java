package dev.arrears.platform;

import dev.arrears.arrangement.domain.ApprovalLimits;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles other modules name by string are roles a user can hold. */
class RoleTest {

    @Test
    void everyApprovingRole_isARoleAUserCanHold() {
        List<String> roles = Arrays.stream(Role.values()).map(Role::name).toList();
        assertThat(Arrays.stream(ApprovalLimits.Role.values()).map(Enum::name)).allMatch(roles::contains);
    }

    @Test
    void theAuditorIsInNoWriteRuleButTheDryRuns_andAdminIsAddedToEveryOne() {
        List<String> dryRuns = List.of("/api/v1/strategies/validate", "/api/v1/strategies/*/evaluate",
                "/api/v1/templates/*/*/validate", "/api/v1/templates/*/*/preview", "/api/v1/compliance/evaluate");
        assertThat(AccessRules.API).allSatisfy(rule -> {
            if (!dryRuns.contains(rule.pattern())) {
                assertThat(rule.roles()).as(rule.pattern()).doesNotContain(Role.AUDITOR);
            }
            assertThat(AccessRules.roles(rule.roles())).contains("ADMIN");
        });
        assertThat(AccessRules.API).filteredOn(rule -> rule.roles().contains(Role.AUDITOR))
                .extracting(AccessRules.Rule::pattern).containsExactlyInAnyOrderElementsOf(dryRuns);
        assertThat(AccessRules.writers()).doesNotContain("AUDITOR").hasSize(Role.values().length - 1);
    }
}
