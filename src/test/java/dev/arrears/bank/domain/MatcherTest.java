package dev.arrears.bank.domain;

import dev.arrears.bank.domain.Matcher.BillCandidate;
import dev.arrears.bank.domain.Matcher.Candidate;
import dev.arrears.bank.domain.Matcher.CandidateIndex;
import dev.arrears.bank.domain.Matcher.Match;
import dev.arrears.bank.domain.Matcher.OpenBill;
import dev.arrears.bank.domain.Matcher.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher as a table: each row is a credit (structured reference, remittance text, debtor name, amount,
 * currency) against one fixed candidate index, and the rule, confidence, account and bill it must give.
 */
class MatcherTest {

    private static final Candidate WANG = new Candidate("ACC10001", "王伟", "CNY", 30_000, 16_850,
            List.of(new OpenBill("INV-0001", 16_850), new OpenBill("INV-0002", 13_150)));
    private static final Candidate CHEN = new Candidate("ACC10002", "陳美玲", "CNY", 9_900, 0, List.of());
    private static final Candidate ZHANG = new Candidate("ACC-3", "Zhang San", "CNY", 8_850, 8_850, List.of());
    private static final Candidate LI_1 = new Candidate("ACC-41", "李娜", "CNY", 19_900, 19_900, List.of());
    private static final Candidate LI_2 = new Candidate("ACC-42", "李娜", "CNY", 5_000, 5_000, List.of());
    private static final Candidate ALICE_USD = new Candidate("ACC-5", "Alice Walker", "USD", 4_500, 4_500, List.of());
    private static final Candidate NORTHWIND = new Candidate("ACC-6", "Northwind Trading Ltd", "CNY", 10_000, 0,
            List.of(new OpenBill("INV-0006", 10_000)));
    private static final CandidateIndex INDEX = index();

    private static CandidateIndex index() {
        Map<String, Candidate> accounts = new HashMap<>();
        for (Candidate c : List.of(WANG, CHEN, ZHANG, LI_1, LI_2, ALICE_USD, NORTHWIND)) {
            accounts.put(c.accountRef(), c);
        }
        Map<String, BillCandidate> bills = Map.of(
                "INV-0001", new BillCandidate("INV-0001", WANG),
                "INV-0002", new BillCandidate("INV-0002", WANG),
                "INV-0006", new BillCandidate("INV-0006", NORTHWIND));
        Map<String, List<Candidate>> byName = Map.of(
                "王伟", List.of(WANG),
                "zhang san", List.of(ZHANG),
                "李娜", List.of(LI_1, LI_2),
                "alice walker", List.of(ALICE_USD),
                "northwind trading ltd", List.of(NORTHWIND));
        return new CandidateIndex(accounts, bills, byName);
    }

    private static BankCredit credit(String structured, String remittance, String debtor, String amount,
                                     String currency) {
        Currency c = Currency.getInstance(currency);
        long minor = new java.math.BigDecimal(amount).movePointRight(c.getDefaultFractionDigits()).longValueExact();
        List<String> refs = structured == null ? List.of() : Arrays.asList(structured.split(" "));
        return new BankCredit("ACCT|S", "ACCT", "S", 1, 1, 1, minor, c, LocalDate.of(2026, 11, 20), null,
                Instant.parse("2026-11-20T12:00:00Z"), null, debtor, refs, remittance, false);
    }

    @ParameterizedTest(name = "[{index}] {0} | {1} | {2} | {3} {4} -> {5} {6} {7} {8}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // structured reference: a bill, an account, an RF reference, an RF with wrong check digits
            "INV-0001         | -                          | -                 | 168.50 | CNY | STRUCTURED      | 1.0 | ACC10001 | INV-0001",
            "ACC10002         | -                          | -                 | 99.00  | CNY | STRUCTURED      | 1.0 | ACC10002 | -",
            "RF84ACC10002     | -                          | -                 | 10.00  | CNY | STRUCTURED      | 1.0 | ACC10002 | -",
            "RF85ACC10002     | -                          | -                 | 10.00  | CNY | NONE            | 0.0 | -        | -",
            "INV-0001 INV-0002| -                          | -                 | 300.00 | CNY | STRUCTURED      | 1.0 | ACC10001 | -",
            "INV-0001 ACC-3   | -                          | -                 | 300.00 | CNY | STRUCTURED      | 0.3 | -        | -",
            "NOPE-123         | 话费 ACC-3 十一月            | -                 | 88.50  | CNY | UNSTRUCTURED    | 0.9 | ACC-3    | -",
            // unstructured: a word that is a reference, in any case, with punctuation around it
            "-                | 话费 ACC10001 十一月         | -                 | 10.00  | CNY | UNSTRUCTURED    | 0.9 | ACC10001 | -",
            "-                | pay inv-0002, thanks       | -                 | 131.50 | CNY | UNSTRUCTURED    | 0.9 | ACC10001 | INV-0002",
            "-                | Invoice no.INV-0006.       | -                 | 100.00 | CNY | UNSTRUCTURED    | 0.9 | ACC-6    | INV-0006",
            "-                | ACC10001 and ACC10002      | -                 | 10.00  | CNY | UNSTRUCTURED    | 0.3 | -        | -",
            "-                | for ACC-5                  | -                 | 45.00  | CNY | UNSTRUCTURED    | 0.0 | ACC-5    | -",
            // debtor name and amount
            "-                | -                          | 王伟              | 168.50 | CNY | AMOUNT_AND_NAME | 0.8 | ACC10001 | INV-0001",
            "-                | -                          | 王 伟             | 300.00 | CNY | AMOUNT_AND_NAME | 0.8 | ACC10001 | -",
            "-                | -                          | ＺＨＡＮＧ　ＳＡＮ | 88.50  | CNY | AMOUNT_AND_NAME | 0.8 | ACC-3    | -",
            "-                | -                          | SAN ZHANG         | 88.50  | CNY | AMOUNT_AND_NAME | 0.7 | ACC-3    | -",
            "-                | -                          | ZHANG, SAN        | 88.50  | CNY | AMOUNT_AND_NAME | 0.8 | ACC-3    | -",
            "-                | -                          | NORTHWIND TRADING LTD | 100.00 | CNY | AMOUNT_AND_NAME | 0.8 | ACC-6 | INV-0006",
            "-                | -                          | 李娜              | 199.00 | CNY | AMOUNT_AND_NAME | 0.8 | ACC-41   | -",
            "-                | -                          | 李娜              | 12.00  | CNY | AMOUNT_AND_NAME | 0.3 | -        | -",
            "-                | -                          | 王伟              | 12.00  | CNY | AMOUNT_AND_NAME | 0.6 | ACC10001 | -",
            "-                | -                          | Alice Walker      | 45.00  | CNY | AMOUNT_AND_NAME | 0.0 | -        | -",
            // nothing known
            "-                | Thank you 2026             | Nobody Ltd        | 45.00  | CNY | NONE            | 0.0 | -        | -",
            "-                | -                          | -                 | 45.00  | CNY | NONE            | 0.0 | -        | -",
            "ACC10001         | -                          | -                 | 0.00   | CNY | NONE            | 0.0 | -        | -"})
    void creditIsMatched(String structured, String remittance, String debtor, String amount, String currency,
                         Rule rule, double confidence, String account, String bill) {
        Match match = Matcher.match(credit(structured == null ? null : structured.strip(), remittance, debtor,
                amount, currency), INDEX);

        assertThat(match.rule()).as(match.reason()).isEqualTo(rule);
        assertThat(match.confidence()).as(match.reason()).isEqualTo(confidence);
        assertThat(match.accountRef()).as(match.reason()).isEqualTo(account);
        assertThat(match.billRef()).as(match.reason()).isEqualTo(bill);
        assertThat(match.reason()).isNotBlank();
    }

    @Test
    void threshold_decidesWhatIsConfident() {
        Match byName = new Match(Rule.AMOUNT_AND_NAME, Matcher.NAME_AND_AMOUNT, "ACC-3", null, "debtor name");

        assertThat(byName.confident(0.75)).isTrue();
        assertThat(byName.confident(0.85)).isFalse();
        assertThat(new Match(Rule.NONE, 1.0, null, null, "x").confident(0.5)).as("no account").isFalse();
    }

    @Test
    void references_includeRfBodiesAndRemittanceWordsInBothCases() {
        BankCredit credit = credit("RF84ACC10002", "pay acc-3 please, 12 ab", null, "1.00", "CNY");

        assertThat(Matcher.references(credit)).containsExactlyInAnyOrder("RF84ACC10002", "ACC10002", "acc-3",
                "ACC-3");
    }

    @Test
    void names_giveTheFormsACustomerNameMayBeStoredIn() {
        assertThat(Names.variants("ZHANG,  SAN")).containsEntry("zhang, san", true).containsEntry("zhang san", true)
                .containsEntry("zhangsan", true).containsEntry("san zhang", false);
        assertThat(Names.variants("李 娜")).containsKey("李娜");
        assertThat(Names.variants(" ")).isEmpty();
    }
}
