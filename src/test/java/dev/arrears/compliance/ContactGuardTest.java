package dev.arrears.compliance;

import dev.arrears.compliance.ContactCheck.CollectorRole;
import dev.arrears.compliance.ContactCheck.Selection;
import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.DebtType;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.compliance.domain.Verdict.Reason;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard for real contacts against the embedded database, with the clock fixed at 2026-11-23T04:00:00Z
 * (12:00 in Shanghai, 23:00 the day before in New York): the selected profile decides, stored flags join what the
 * caller knows, every verdict is stored and announced, and only an ALLOW carries a clearance for its contact and
 * channel.
 */
@Tag("integration")
@SpringBootTest
@RecordApplicationEvents
class ContactGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final Selection CN_WALLET = new Selection("CN", null, "WALLET_CREDIT", CollectorRole.FIRST_PARTY,
            DebtType.CONSUMER);
    private static final Selection US_AGENCY = new Selection("US", "US-NY", "TELECOM_POSTPAID", CollectorRole.AGENCY,
            DebtType.CONSUMER);

    @Autowired
    ContactGuard guard;
    @Autowired
    DebtorFacts facts;
    @Autowired
    Ledger ledger;
    @Autowired
    VerdictLog verdicts;
    @Autowired
    ApplicationEvents events;

    private long newCustomer() {
        String ref = "guard-" + UUID.randomUUID();
        return ledger.registerCustomers(List.of(new RegisterCustomer(ref, "Li Lei", CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of()))).getFirst().view().id();
    }

    private static ContactCheck check(String key, long customer, String debtId, Selection selection, Channel channel,
                                      ZoneId zone, List<Attempt> history) {
        return new ContactCheck(key, Long.parseLong(debtId), customer, selection, channel, Purpose.COLLECT, debtId,
                Recipient.DEBTOR, new Address(AddressKind.PERSONAL, "+8613800138000"), new Message(true), false,
                List.of(zone), Set.of(Channel.SMS), List.of(), history);
    }

    @Test
    void allowedContact_carriesAClearanceForItsContactAndChannelOnly() {
        long customer = newCustomer();
        Checked checked = guard.check(check("job-a-" + customer, customer, "101", CN_WALLET, Channel.SMS,
                ZoneId.of("Asia/Shanghai"), List.of()));

        assertThat(checked.profile()).isEqualTo("CN-NIFA");
        assertThat(checked.verdict().decision()).isEqualTo(Decision.ALLOW);
        Clearance clearance = checked.clearanceIfAllowed().orElseThrow();
        assertThat(clearance.verdictId()).isEqualTo(checked.verdictId());
        assertThat(clearance.permits("job-a-" + customer, Channel.SMS, NOW)).isTrue();
        assertThat(clearance.permits("job-a-" + customer, Channel.EMAIL, NOW)).isFalse();
        assertThat(clearance.permits("job-b-" + customer, Channel.SMS, NOW)).isFalse();
        assertThat(clearance.permits("job-a-" + customer, Channel.SMS, NOW.plus(Clearance.VALIDITY))).isFalse();
        assertThatThrownBy(() -> clearance.require("job-a-" + customer, Channel.CALL, NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no valid compliance clearance");
    }

    @Test
    void usAgencyAtNightInNewYork_isDeferredToEightLocalWithoutClearance() {
        long customer = newCustomer();
        Checked checked = guard.check(check("job-night-" + customer, customer, "102", US_AGENCY, Channel.SMS,
                ZoneId.of("America/New_York"), List.of()));

        assertThat(checked.profile()).isEqualTo("US-REGF");
        assertThat(checked.verdict().decision()).isEqualTo(Decision.DEFER);
        assertThat(checked.verdict().notBefore()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
        assertThat(checked.verdict().reasons()).extracting(Reason::rule).contains("US-REGF/contact-window");
        assertThat(checked.clearanceIfAllowed()).isEmpty();
    }

    @Test
    void storedDisputeOfOneDebt_blocksCollectionOfThatDebtOnly() {
        long customer = newCustomer();
        facts.setFlag(customer, Flag.DISPUTE_OPEN, "201", "customer disputes the October bill", "agent-1");

        List<Checked> checked = guard.checkAll(List.of(
                check("job-d1-" + customer, customer, "201", CN_WALLET, Channel.SMS, ZoneId.of("Asia/Shanghai"),
                        List.of()),
                check("job-d2-" + customer, customer, "202", CN_WALLET, Channel.SMS, ZoneId.of("Asia/Shanghai"),
                        List.of())));

        assertThat(checked.get(0).verdict().decision()).isEqualTo(Decision.BLOCK);
        assertThat(checked.get(0).verdict().reasons()).extracting(Reason::rule).containsExactly("CN-NIFA/dispute");
        assertThat(checked.get(1).verdict().decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void historyFromTheCaller_countsInTheCaps() {
        long customer = newCustomer();
        List<Attempt> threeConversationsToday = List.of(
                call("2026-11-23T01:00:00Z", Outcome.CONVERSATION),
                call("2026-11-23T02:00:00Z", Outcome.CONVERSATION),
                call("2026-11-23T03:00:00Z", Outcome.WRONG_PARTY));

        Checked checked = guard.check(check("job-call-" + customer, customer, "301", CN_WALLET, Channel.CALL,
                ZoneId.of("Asia/Shanghai"), threeConversationsToday));

        assertThat(checked.verdict().decision()).isEqualTo(Decision.DEFER);
        // the next local day in Shanghai opens at 08:00 (00:00Z)
        assertThat(checked.verdict().notBefore()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(checked.verdict().reasons()).extracting(Reason::rule).contains("CN-NIFA/cn-connected-calls");
    }

    @Test
    void everyVerdict_isStoredWithItsKeyAndAnnounced() {
        long customer = newCustomer();
        Checked allowed = guard.check(check("job-s1-" + customer, customer, "401", CN_WALLET, Channel.SMS,
                ZoneId.of("Asia/Shanghai"), List.of()));
        Checked deferred = guard.check(check("job-s2-" + customer, customer, "402", US_AGENCY, Channel.SMS,
                ZoneId.of("America/New_York"), List.of()));

        assertThat(verdicts.latest(customer, 10)).extracting(v -> v.contactKey())
                .containsExactlyInAnyOrder("job-s1-" + customer, "job-s2-" + customer);
        assertThat(events.stream(VerdictRecorded.class).filter(e -> e.customerId() == customer))
                .extracting(VerdictRecorded::verdictId, VerdictRecorded::decision)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(allowed.verdictId(), Decision.ALLOW),
                        org.assertj.core.groups.Tuple.tuple(deferred.verdictId(), Decision.DEFER));
    }

    private static Attempt call(String at, Outcome outcome) {
        return new Attempt(Channel.CALL, Direction.OUTBOUND, Instant.parse(at), outcome, List.of("301"),
                "+8613800138000");
    }
}
