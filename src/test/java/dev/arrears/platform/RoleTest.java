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
    void theAuditorIsInNoWriteRule_andAdminIsAddedToEveryOne() {
        assertThat(AccessRules.API).allSatisfy(rule -> {
            assertThat(rule.roles()).doesNotContain(Role.AUDITOR);
            assertThat(AccessRules.roles(rule.roles())).contains("ADMIN");
        });
        assertThat(AccessRules.writers()).doesNotContain("AUDITOR").hasSize(Role.values().length - 1);
    }
}
