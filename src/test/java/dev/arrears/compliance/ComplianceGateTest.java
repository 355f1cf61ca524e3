package dev.arrears.compliance;

import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.Profile;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.shared.Channel;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The façade: evaluates under the request's profile, refuses unknown profiles, lists the profiles in force. */
class ComplianceGateTest {

    private final ComplianceGate gate = new ComplianceGate(JurisdictionProfiles.load(null));

    private static ContactRequest call(String jurisdiction, String at) {
        return new ContactRequest(jurisdiction, Channel.CALL, Instant.parse(at), null, "A", null, null, null, false,
                null, null, null);
    }

    @Test
    void evaluatesUnderTheRequestsProfile() {
        // 21:30 in Shanghai: CN-NIFA (until 22:00) allows, CN-NIFA-2018 (until 21:00) defers to 08:00.
        assertThat(gate.evaluate(call("CN-NIFA", "2026-04-13T13:30:00Z")).decision()).isEqualTo(Decision.ALLOW);
        assertThat(gate.evaluate(call("CN-NIFA-2018", "2026-04-13T13:30:00Z")).notBefore())
                .isEqualTo(Instant.parse("2026-04-14T00:00:00Z"));
    }

    @Test
    void refusesAnUnknownProfileAtJurisdiction() {
        assertThatThrownBy(() -> gate.evaluate(call("FR-XX", "2026-04-13T13:30:00Z")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.pointer()).isEqualTo("/jurisdiction");
                        assertThat(error.detail()).contains("'FR-XX'").contains("US-REGF");
                    });
                });
    }

    @Test
    void listsTheProfilesAndFindsOneById() {
        assertThat(gate.profiles()).extracting(Profile::id).containsExactly("CN-BANK", "CN-NIFA", "CN-NIFA-2018",
                "UK-FCA", "US-CREDITOR", "US-REGF");
        assertThat(gate.profile("UK-FCA").title()).contains("United Kingdom");
        assertThatThrownBy(() -> gate.profile("FR-XX")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("FR-XX");
    }
}
