package dev.arrears.arrangement.domain;

import dev.arrears.arrangement.domain.ApprovalLimits.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalLimitsTest {

    private final ApprovalLimits limits = ApprovalLimits.defaults();

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource(textBlock = """
            1,        CNY, COLLECTOR
            50000,    CNY, COLLECTOR
            50001,    CNY, SUPERVISOR
            500000,   CNY, SUPERVISOR
            500001,   CNY, MANAGER
            10000,    USD, COLLECTOR
            10001,    USD, SUPERVISOR
            1,        XAF, MANAGER
            """)
    void requiredRole_isTheLowestWhoseLimitCoversTheAmount(long amount, String currency, Role expected) {
        assertThat(limits.requiredRole(amount, currency)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} by {1} as {2}, {3} {4} -> {5}")
    @CsvSource(textBlock = """
            # maker, checker, checker roles, amount, currency, refusal (empty: may approve)
            ann, bob, COLLECTOR,             50000,   CNY, ''
            ann, bob, COLLECTOR,             50001,   CNY, needs SUPERVISOR
            ann, bob, COLLECTOR|SUPERVISOR,  50001,   CNY, ''
            ann, bob, SUPERVISOR,            500001,  CNY, needs MANAGER
            ann, bob, MANAGER,               9999999, CNY, ''
            ann, bob, MANAGER,               1,       XAF, ''
            ann, bob, SUPERVISOR,            1,       XAF, needs MANAGER
            ann, ann, MANAGER,               1,       CNY, the maker of a request cannot approve it
            ann, bob, ADMIN|AUDITOR,         1,       CNY, needs the role COLLECTOR
            """)
    void check_refusesTheMakerAndAmountsAboveTheCheckersLimit(String maker, String checker, String roles,
                                                            long amount, String currency, String refusal) {
        var r = limits.check(maker, checker, List.of(roles.split("\\|")), amount, currency);
        if (refusal.isEmpty()) {
            assertThat(r).isNull();
        } else {
            assertThat(r).isNotNull();
            assertThat(r.reason()).contains(refusal);
        }
    }

    @org.junit.jupiter.api.Test
    void configuredLimit_replacesTheDefault() {
        ApprovalLimits raised = limits.with(Role.COLLECTOR, "CNY", 200_000);
        assertThat(raised.requiredRole(150_000, "CNY")).isEqualTo(Role.COLLECTOR);
        assertThat(limits.requiredRole(150_000, "CNY")).isEqualTo(Role.SUPERVISOR);
    }
}
