package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The request hash stored with each verdict: stable across set orders, sensitive to every field. */
class RequestDigestTest {

    private static final Instant AT = Instant.parse("2026-04-13T11:00:00Z");

    private static ContactRequest request(Set<Flag> flags, String debtId, String address) {
        Debtor debtor = new Debtor(List.of(ZoneId.of("America/New_York")), flags, Set.of("A", "B"),
                List.of(new OptOut(Channel.EMAIL, "x@mail.com")), Set.of(Channel.SMS, Channel.EMAIL), List.of(),
                List.of(new LocalTimeRange(LocalTime.of(0, 0), LocalTime.of(13, 0))), "US-NY");
        return new ContactRequest("US-REGF", Channel.CALL, AT, Purpose.COLLECT, debtId, Recipient.DEBTOR,
                new Address(AddressKind.PERSONAL, address), new Message(true), false, null, debtor,
                List.of(new Attempt(Channel.CALL, Direction.OUTBOUND, AT.minusSeconds(86_400), Outcome.NO_ANSWER,
                        List.of("A"), "+12125550100")));
    }

    @Test
    void sameRequestWithSetsInAnotherOrder_hashesAlike() {
        Set<Flag> one = new LinkedHashSet<>(List.of(Flag.HARDSHIP, Flag.DISPUTE_OPEN));
        Set<Flag> other = new LinkedHashSet<>(List.of(Flag.DISPUTE_OPEN, Flag.HARDSHIP));

        assertThat(RequestDigest.sha256(request(one, "A", "+12125550100")))
                .isEqualTo(RequestDigest.sha256(request(other, "A", "+12125550100")))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anyFieldChanged_changesTheHash() {
        String base = RequestDigest.sha256(request(Set.of(Flag.HARDSHIP), "A", "+12125550100"));

        assertThat(RequestDigest.sha256(request(Set.of(Flag.HARDSHIP), "B", "+12125550100"))).isNotEqualTo(base);
        assertThat(RequestDigest.sha256(request(Set.of(Flag.HARDSHIP), "A", "+12125550101"))).isNotEqualTo(base);
        assertThat(RequestDigest.sha256(request(Set.of(), "A", "+12125550100"))).isNotEqualTo(base);
        assertThat(RequestDigest.sha256(request(Set.of(Flag.HARDSHIP), null, "+12125550100"))).isNotEqualTo(base);
    }

    @Test
    void absentValueAndDashValue_hashApart() {
        assertThat(RequestDigest.sha256(request(Set.of(), null, "x")))
                .isNotEqualTo(RequestDigest.sha256(request(Set.of(), "-", "x")));
    }

    @Test
    void canonicalText_carriesNoRawSeparatorsFromValues() {
        String text = RequestDigest.canonical(request(Set.of(), "A\nB", "a b,c"));

        assertThat(text).contains("debtId=A\\nB\n").contains("address=PERSONAL a\\sb\\cc\n");
    }
}
