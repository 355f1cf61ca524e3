package dev.arrears.compliance.domain;

import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.ContactRequest.Purpose;
import dev.arrears.compliance.domain.ContactRequest.Recipient;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.compliance.domain.Verdict.Decision;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.arrears.compliance.domain.Requests.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The rules that block on the debtor's facts and the contact's purpose, recipient, channel and address, in every
 * profile: each row is a request at midday under a profile, and the decision and the one rule expected (none for
 * ALLOW).
 */
class ContactRulesTest {

    private static final List<String> ALL = List.of("US-REGF", "US-CREDITOR", "UK-FCA", "CN-NIFA", "CN-NIFA-2018",
            "CN-BANK");

    private static Arguments row(String profile, String situation, UnaryOperator<Requests> facts, String rule) {
        return arguments(profile, situation, facts, rule);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // opt-out: a channel, or an address on it (case, spaces and separators do not matter)
                row("US-REGF", "opted out of e-mail", r -> r.channel(Channel.EMAIL).address("ann@mail.com")
                        .optOut(Channel.EMAIL, null), "opt-out"),
                row("US-REGF", "opted out of SMS, e-mail sent", r -> r.channel(Channel.EMAIL).address("ann@mail.com")
                        .optOut(Channel.SMS, null), null),
                row("US-REGF", "opted out of this address", r -> r.channel(Channel.EMAIL).address("Ann@Mail.com")
                        .optOut(Channel.EMAIL, "ann@mail.COM "), "opt-out"),
                row("US-REGF", "opted out of another address", r -> r.channel(Channel.EMAIL).address("ann@work.com")
                        .optOut(Channel.EMAIL, "ann@mail.com"), null),
                row("US-REGF", "opted out of this number", r -> r.channel(Channel.SMS).address("+1 (212) 555-0100")
                        .optOut(Channel.SMS, "+12125550100"), "opt-out"),
                row("US-REGF", "opted out of an address, none named", r -> r.channel(Channel.SMS)
                        .optOut(Channel.SMS, "+12125550100"), "opt-out"),
                row("US-CREDITOR", "opted out of calls", r -> r.optOut(Channel.CALL, null), "opt-out"),
                row("UK-FCA", "opted out of calls (not a UK rule)", r -> r.optOut(Channel.CALL, null), null),
                // opt-out line: US-REGF e-mails and texts
                row("US-REGF", "e-mail without opt-out line", r -> r.channel(Channel.EMAIL)
                        .message(new Message(false)), "opt-out-line"),
                row("US-REGF", "SMS without message facts", r -> r.channel(Channel.SMS).message(null), "opt-out-line"),
                row("US-REGF", "SMS with opt-out line", r -> r.channel(Channel.SMS), null),
                row("US-REGF", "push without opt-out line", r -> r.channel(Channel.PUSH).message(new Message(false)),
                        null),
                row("US-CREDITOR", "e-mail without opt-out line", r -> r.channel(Channel.EMAIL)
                        .message(new Message(false)), null),
                // consent: US-CREDITOR texts and automated calls
                row("US-CREDITOR", "SMS without consent", r -> r.channel(Channel.SMS), "consent"),
                row("US-CREDITOR", "SMS with consent", r -> r.channel(Channel.SMS).consents(Channel.SMS), null),
                row("US-CREDITOR", "automated call without consent", Requests::automated, "consent"),
                row("US-CREDITOR", "automated call, SMS consent only", r -> r.automated().consents(Channel.SMS),
                        "consent"),
                row("US-CREDITOR", "automated call with consent", r -> r.automated().consents(Channel.CALL), null),
                row("US-CREDITOR", "manual call without consent", r -> r, null),
                row("US-REGF", "SMS without consent (not a Reg F rule)", r -> r.channel(Channel.SMS), null),
                // workplace e-mail
                row("US-REGF", "work e-mail", r -> r.channel(Channel.EMAIL).address(AddressKind.WORK, "a@corp.com"),
                        "work-email"),
                row("US-REGF", "work e-mail the debtor used", r -> r.channel(Channel.EMAIL)
                        .address(AddressKind.WORK_USED_BY_DEBTOR, "a@corp.com"), null),
                row("US-REGF", "personal e-mail", r -> r.channel(Channel.EMAIL).address("a@mail.com"), null),
                row("US-REGF", "call to a work number", r -> r.address(AddressKind.WORK, "+12125550199"), null),
                // attorney
                row("US-REGF", "debtor with attorney", r -> r.flags(Flag.HAS_ATTORNEY), "attorney"),
                row("US-REGF", "letter to debtor with attorney", r -> r.channel(Channel.LETTER)
                        .flags(Flag.HAS_ATTORNEY), "attorney"),
                row("US-REGF", "call to the attorney", r -> r.flags(Flag.HAS_ATTORNEY).recipient(Recipient.ATTORNEY),
                        null),
                row("UK-FCA", "debtor with attorney (not a UK rule)", r -> r.flags(Flag.HAS_ATTORNEY), null),
                // cease and its exceptions
                row("US-REGF", "cease, collection", r -> r.flags(Flag.CEASE_REQUESTED), "cease"),
                row("US-REGF", "cease, arrangement offer", r -> r.flags(Flag.CEASE_REQUESTED)
                        .purpose(Purpose.ARRANGEMENT), "cease"),
                row("US-REGF", "cease, termination notice", r -> r.channel(Channel.LETTER).flags(Flag.CEASE_REQUESTED)
                        .purpose(Purpose.TERMINATION_NOTICE), null),
                row("US-REGF", "cease, remedy notice", r -> r.channel(Channel.LETTER).flags(Flag.CEASE_REQUESTED)
                        .purpose(Purpose.REMEDY_NOTICE), null),
                row("US-REGF", "cease, legal action notice", r -> r.channel(Channel.LETTER)
                        .flags(Flag.CEASE_REQUESTED).purpose(Purpose.LEGAL_ACTION_NOTICE), null),
                row("CN-NIFA", "cease (not a CN rule)", r -> r.flags(Flag.CEASE_REQUESTED), null),
                // time-barred
                row("US-REGF", "time-barred, legal action notice", r -> r.channel(Channel.LETTER)
                        .flags(Flag.TIME_BARRED).purpose(Purpose.LEGAL_ACTION_NOTICE), "time-barred"),
                row("US-REGF", "time-barred and cease, legal action notice", r -> r.channel(Channel.LETTER)
                        .flags(Flag.TIME_BARRED, Flag.CEASE_REQUESTED).purpose(Purpose.LEGAL_ACTION_NOTICE),
                        "time-barred"),
                row("US-REGF", "time-barred, collection", r -> r.flags(Flag.TIME_BARRED), null),
                // dispute: everywhere; the open flag stops collection of every debt, a disputed debt only itself
                row("US-REGF", "dispute open, collection", r -> r.flags(Flag.DISPUTE_OPEN), "dispute"),
                row("US-CREDITOR", "dispute open, collection", r -> r.flags(Flag.DISPUTE_OPEN), "dispute"),
                row("UK-FCA", "dispute open, collection", r -> r.flags(Flag.DISPUTE_OPEN), "dispute"),
                row("CN-NIFA", "dispute open, collection", r -> r.flags(Flag.DISPUTE_OPEN), "dispute"),
                row("CN-NIFA-2018", "dispute open, collection", r -> r.flags(Flag.DISPUTE_OPEN), "dispute"),
                row("CN-BANK", "dispute open, collection", r -> r.flags(Flag.DISPUTE_OPEN), "dispute"),
                row("US-REGF", "dispute open, arrangement", r -> r.flags(Flag.DISPUTE_OPEN)
                        .purpose(Purpose.ARRANGEMENT), null),
                row("US-REGF", "this debt disputed", r -> r.debt("B").disputed("B"), "dispute"),
                row("UK-FCA", "another debt disputed", r -> r.debt("A").disputed("B"), null),
                row("CN-BANK", "a debt disputed, request names none", r -> r.debt(null).disputed("B"), "dispute"),
                // breathing space: UK only, every contact asking for payment
                row("UK-FCA", "breathing space, collection", r -> r.flags(Flag.BREATHING_SPACE), "breathing-space"),
                row("UK-FCA", "breathing space, arrangement", r -> r.flags(Flag.BREATHING_SPACE)
                        .purpose(Purpose.ARRANGEMENT), "breathing-space"),
                row("UK-FCA", "breathing space, remedy notice", r -> r.channel(Channel.LETTER)
                        .flags(Flag.BREATHING_SPACE).purpose(Purpose.REMEDY_NOTICE), "breathing-space"),
                row("UK-FCA", "breathing space, termination notice", r -> r.channel(Channel.LETTER)
                        .flags(Flag.BREATHING_SPACE).purpose(Purpose.TERMINATION_NOTICE), null),
                row("US-REGF", "breathing space (not a US rule)", r -> r.flags(Flag.BREATHING_SPACE), null),
                // holds: every profile
                row("US-REGF", "hardship, arrangement", r -> r.flags(Flag.HARDSHIP).purpose(Purpose.ARRANGEMENT),
                        null),
                row("UK-FCA", "hardship, collection", r -> r.flags(Flag.HARDSHIP), "hold"),
                row("CN-BANK", "hardship, arrangement", r -> r.flags(Flag.HARDSHIP).purpose(Purpose.ARRANGEMENT), null),
                // third parties
                row("US-REGF", "third party, collection", r -> r.recipient(Recipient.THIRD_PARTY), "third-party"),
                row("UK-FCA", "third party, collection", r -> r.recipient(Recipient.THIRD_PARTY), "third-party"),
                row("CN-NIFA", "third party, collection", r -> r.recipient(Recipient.THIRD_PARTY), "third-party"),
                row("CN-NIFA-2018", "third party, collection", r -> r.recipient(Recipient.THIRD_PARTY),
                        "third-party"),
                row("CN-BANK", "third party, collection", r -> r.recipient(Recipient.THIRD_PARTY), "third-party"),
                row("CN-BANK", "third party, termination notice", r -> r.recipient(Recipient.THIRD_PARTY)
                        .purpose(Purpose.TERMINATION_NOTICE), null),
                row("US-CREDITOR", "third party (not a creditor rule)", r -> r.recipient(Recipient.THIRD_PARTY), null));
    }

    @ParameterizedTest(name = "{0}: {1} → {3}")
    @MethodSource("rows")
    void decidesEachRuleAsItsProfileApplies(String profile, String situation, UnaryOperator<Requests> facts,
                                            String rule) {
        Verdict verdict = facts.apply(Requests.under(profile)).verdict();

        if (rule == null) {
            assertThat(verdict).as(situation).isEqualTo(Verdict.ALLOW);
        } else {
            assertThat(verdict.decision()).as(situation + ": " + verdict).isEqualTo(Decision.BLOCK);
            assertThat(verdict.notBefore()).isNull();
            assertThat(Requests.rules(verdict)).containsExactly(profile + "/" + rule);
            Profile p = Requests.SHIPPED.require(profile).profile();
            assertThat(verdict.reasons().getFirst().citation())
                    .isEqualTo(p.rules().get(RuleId.ofSuffix(rule)).citation());
            assertThat(verdict.reasons().getFirst().message()).isNotBlank();
        }
    }

    static Stream<Arguments> holds() {
        return ALL.stream().flatMap(profile -> Stream.of(
                arguments(profile, Flag.BANKRUPTCY, Purpose.COLLECT, Decision.BLOCK),
                arguments(profile, Flag.BANKRUPTCY, Purpose.ARRANGEMENT, Decision.BLOCK),
                arguments(profile, Flag.DECEASED, Purpose.TERMINATION_NOTICE, Decision.BLOCK),
                arguments(profile, Flag.HARDSHIP, Purpose.COLLECT, Decision.BLOCK),
                arguments(profile, Flag.HARDSHIP, Purpose.ARRANGEMENT, Decision.ALLOW)));
    }

    @ParameterizedTest(name = "{0}: {1}, {2} → {3}")
    @MethodSource("holds")
    void holdsPauseContactsInEveryProfile(String profile, Flag flag, Purpose purpose, Decision decision) {
        Verdict verdict = Requests.under(profile).channel(Channel.LETTER).flags(flag).purpose(purpose).verdict();

        assertThat(verdict.decision()).isEqualTo(decision);
        if (decision == Decision.BLOCK) {
            assertThat(Requests.rules(verdict)).containsExactly(profile + "/hold");
        }
    }

    static Stream<Arguments> commercial() {
        return Stream.of(
                arguments("dispute open", (UnaryOperator<Requests>) r -> r.flags(Flag.DISPUTE_OPEN), Decision.ALLOW),
                arguments("attorney", (UnaryOperator<Requests>) r -> r.flags(Flag.HAS_ATTORNEY), Decision.ALLOW),
                arguments("third party", (UnaryOperator<Requests>) r -> r.recipient(Recipient.THIRD_PARTY),
                        Decision.ALLOW),
                arguments("eight calls this week", (UnaryOperator<Requests>) r -> r.history(
                        call("2026-04-07T14:00:00Z", Outcome.NO_ANSWER), call("2026-04-08T14:00:00Z", Outcome.NO_ANSWER),
                        call("2026-04-09T14:00:00Z", Outcome.NO_ANSWER), call("2026-04-10T14:00:00Z", Outcome.NO_ANSWER),
                        call("2026-04-11T14:00:00Z", Outcome.NO_ANSWER), call("2026-04-12T14:00:00Z", Outcome.NO_ANSWER),
                        call("2026-04-13T14:00:00Z", Outcome.CONVERSATION)), Decision.ALLOW),
                arguments("e-mail without opt-out line", (UnaryOperator<Requests>) r -> r.channel(Channel.EMAIL)
                        .message(new Message(false)), Decision.ALLOW),
                arguments("inconvenient time", (UnaryOperator<Requests>) r -> r.inconvenient("00:00", "23:00"),
                        Decision.ALLOW),
                arguments("bankruptcy", (UnaryOperator<Requests>) r -> r.flags(Flag.BANKRUPTCY), Decision.BLOCK),
                arguments("hardship", (UnaryOperator<Requests>) r -> r.flags(Flag.HARDSHIP), Decision.BLOCK),
                arguments("before 08:00", (UnaryOperator<Requests>) r -> r.at("2026-04-13T11:00:00Z"),
                        Decision.DEFER));
    }

    @ParameterizedTest(name = "commercial debt, {0} → {2}")
    @MethodSource("commercial")
    void commercialDebtsGetOnlyTheWindowAndHolds(String situation, UnaryOperator<Requests> facts, Decision decision) {
        Verdict verdict = facts.apply(Requests.under("US-REGF").zones("America/New_York").commercial()).verdict();

        assertThat(verdict.decision()).as(verdict.toString()).isEqualTo(decision);
        assertThat(Requests.rules(verdict)).allMatch(r -> r.endsWith("/hold") || r.endsWith("/contact-window"));
    }

    @Test
    void commercialDebtOutsideTheWindowDefersToItsOpening() {
        Verdict verdict = Requests.under("US-REGF").zones("America/New_York").commercial()
                .at("2026-04-13T11:00:00Z").verdict();

        assertThat(verdict.notBefore()).isEqualTo(Instant.parse("2026-04-13T12:00:00Z"));
    }
}
