package dev.arrears.ledger.intake;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeTest {

    /** Marks a field to be removed from the record. */
    private static final String MISSING = "<missing>";

    // ---- records ----

    private static Map<String, Object> customer() {
        return record(
                "externalRef", "C-1001",
                "name", "张伟",
                "type", "PERSON",
                "locale", "zh-CN",
                "timeZone", "Asia/Shanghai",
                "contactPoints", list(
                        record("kind", "PHONE", "value", "+8613800138000", "consents", list("SMS", "CALL"),
                                "optOuts", list("CALL")),
                        record("kind", "EMAIL", "value", "zhang.wei@example.cn", "consents", "EMAIL")));
    }

    private static Map<String, Object> account() {
        return record(
                "externalRef", "A-1001",
                "customerRef", "C-1001",
                "productLine", "TELECOM_POSTPAID",
                "currency", "CNY",
                "openedOn", "2025-06-01",
                "creditLimit", "5000.00");
    }

    private static Map<String, Object> bill() {
        return record(
                "externalRef", "INV-2026-03",
                "accountRef", "A-1001",
                "issueDate", "2026-03-01",
                "dueDate", "2026-03-20",
                "currency", "CNY",
                "total", "1234.56",
                "lines", list(
                        record("description", "月租 Monthly plan", "category", "SERVICE", "amount", "1000.00"),
                        record("description", "流量 Data usage", "category", "USAGE", "amount", "254.56"),
                        record("description", "Loyalty discount", "category", "OTHER", "amount", "-20")));
    }

    private static Map<String, Object> payment() {
        return record(
                "externalRef", "PAY-1",
                "accountRef", "A-1001",
                "amount", "99.90",
                "currency", "CNY",
                "receivedAt", "2026-03-31T09:30:00+08:00",
                "method", "alipay",
                "reference", "INV-2026-03");
    }

    private static Map<String, Object> adjustment() {
        return record(
                "externalRef", "ADJ-1",
                "accountRef", "A-1001",
                "billRef", "INV-2026-03",
                "type", "DEBIT_NOTE",
                "amount", "15.00",
                "currency", "CNY",
                "reason", "逾期手续费 late fee",
                "effectiveDate", "2026-03-25",
                "dueDate", "2026-04-10");
    }

    // ---- good records ----

    @Test
    void readsAGoodCustomerWithChineseName() {
        Intake.Result<RegisterCustomer> result = Intake.customer(customer());
        assertThat(result.issues()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.command()).isEqualTo(new RegisterCustomer("C-1001", "张伟", CustomerType.PERSON, "zh-CN",
                ZoneId.of("Asia/Shanghai"), List.of(
                        new ContactPoint(ContactKind.PHONE, "+8613800138000", Set.of(Channel.SMS, Channel.CALL),
                                Set.of(Channel.CALL)),
                        new ContactPoint(ContactKind.EMAIL, "zhang.wei@example.cn", Set.of(Channel.EMAIL),
                                Set.of()))));
        assertThat(result.command().contactPoints().getFirst().usableFor(Channel.SMS)).isTrue();
        assertThat(result.command().contactPoints().getFirst().usableFor(Channel.CALL)).isFalse();
    }

    @Test
    void readsAGoodAccount() {
        Intake.Result<OpenAccount> result = Intake.account(account());
        assertThat(result.issues()).isEmpty();
        assertThat(result.command()).isEqualTo(new OpenAccount("A-1001", "C-1001", ProductLine.TELECOM_POSTPAID,
                Currency.getInstance("CNY"), AccountStatus.ACTIVE, LocalDate.of(2025, 6, 1), 500_000L));
    }

    @Test
    void readsAnAccountWithoutCreditLimit() {
        Map<String, Object> raw = account();
        raw.remove("creditLimit");
        raw.put("status", "suspended");
        Intake.Result<OpenAccount> result = Intake.account(raw);
        assertThat(result.issues()).isEmpty();
        assertThat(result.command().creditLimitMinor()).isNull();
        assertThat(result.command().status()).isEqualTo(AccountStatus.SUSPENDED);
    }

    @Test
    void readsAGoodBillInExactMinorUnits() {
        Intake.Result<IssueBill> result = Intake.bill(bill());
        assertThat(result.issues()).isEmpty();
        assertThat(result.command()).isEqualTo(new IssueBill("INV-2026-03", "A-1001", LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 20), Currency.getInstance("CNY"), 123_456, List.of(
                        new BillLine("月租 Monthly plan", LineCategory.SERVICE, 100_000),
                        new BillLine("流量 Data usage", LineCategory.USAGE, 25_456),
                        new BillLine("Loyalty discount", LineCategory.OTHER, -2_000))));
    }

    @ParameterizedTest(name = "{0}: total {1} = {3} minor")
    @CsvSource({
            "JPY, 1500, 1500, 1500",
            "KWD, 1.234, 1.234, 1234",
            "USD, 0.10, 0.1, 10",
            "TWD, 0, 0.00, 0",
    })
    void readsAmountsInTheMinorUnitsOfTheBillCurrency(String currency, String total, String line, long minor) {
        Map<String, Object> raw = bill();
        raw.put("currency", currency);
        raw.put("total", total);
        raw.put("lines", list(record("description", "x", "category", "FEE", "amount", line)));
        Intake.Result<IssueBill> result = Intake.bill(raw);
        assertThat(result.issues()).isEmpty();
        assertThat(result.command().totalMinor()).isEqualTo(minor);
        assertThat(result.command().lines().getFirst().amountMinor()).isEqualTo(minor);
    }

    @Test
    void readsAGoodPayment() {
        Intake.Result<PostPayment> result = Intake.payment(payment());
        assertThat(result.issues()).isEmpty();
        assertThat(result.command()).isEqualTo(new PostPayment("PAY-1", "A-1001", 9_990, Currency.getInstance("CNY"),
                Instant.parse("2026-03-31T01:30:00Z"), PaymentMethod.ALIPAY, "INV-2026-03"));
    }

    @Test
    void paymentMethodDefaultsToOther() {
        Map<String, Object> raw = payment();
        raw.remove("method");
        raw.remove("reference");
        Intake.Result<PostPayment> result = Intake.payment(raw);
        assertThat(result.issues()).isEmpty();
        assertThat(result.command().method()).isEqualTo(PaymentMethod.OTHER);
        assertThat(result.command().reference()).isNull();
    }

    @Test
    void readsAGoodAdjustment() {
        Intake.Result<RecordAdjustment> result = Intake.adjustment(adjustment());
        assertThat(result.issues()).isEmpty();
        assertThat(result.command()).isEqualTo(new RecordAdjustment("ADJ-1", "A-1001", "INV-2026-03",
                AdjustmentType.DEBIT_NOTE, 1_500, Currency.getInstance("CNY"), "逾期手续费 late fee",
                LocalDate.of(2026, 3, 25), LocalDate.of(2026, 4, 10)));
    }

    @Test
    void readsAnAccountLevelWaiverWithoutBillOrDueDate() {
        Map<String, Object> raw = adjustment();
        raw.remove("billRef");
        raw.remove("dueDate");
        raw.put("type", "waiver");
        Intake.Result<RecordAdjustment> result = Intake.adjustment(raw);
        assertThat(result.issues()).isEmpty();
        assertThat(result.command().billRef()).isNull();
        assertThat(result.command().dueDate()).isNull();
        assertThat(result.command().type()).isEqualTo(AdjustmentType.WAIVER);
    }

    // ---- bad fields ----

    @ParameterizedTest(name = "{0} = [{1}]: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            timeZone                   | Mars/Olympus    | unknown time zone 'Mars/Olympus'
            timeZone                   | +08:00          | unknown time zone '+08:00'
            timeZone                   | CST             | unknown time zone 'CST'
            timeZone                   | asia/shanghai   | unknown time zone 'asia/shanghai'
            timeZone                   | <missing>       | is required
            locale                     | fr              | 'fr' is not one of zh-CN, zh-TW, en
            locale                     | zh_CN           | 'zh_CN' is not one of zh-CN, zh-TW, en
            type                       | ROBOT           | 'ROBOT' is not one of PERSON, BUSINESS
            type                       | <missing>       | is required
            externalRef                | C 1001          | 'C 1001' is not a reference: use 1 to 100 characters without spaces
            externalRef                | <missing>       | is required
            name                       | "   "           | is required
            contactPoints/0/value      | 13800138000     | '13800138000' is not an E.164 phone number such as +8613800138000
            contactPoints/0/value      | +86 138 0013    | '+86 138 0013' is not an E.164 phone number such as +8613800138000
            contactPoints/0/value      | <missing>       | is required
            contactPoints/1/value      | not-an-email    | 'not-an-email' is not an e-mail address
            contactPoints/0/kind       | FAX             | 'FAX' is not one of PHONE, EMAIL, POSTAL, PUSH
            contactPoints/0/consents   | EMAIL           | EMAIL cannot reach a contact point of kind PHONE
            contactPoints/0/consents   | SMS;PIGEON      | 'PIGEON' is not one of SMS, CALL, EMAIL, PUSH, LETTER, VISIT
            contactPoints/1/optOuts    | SMS             | SMS cannot reach a contact point of kind EMAIL
            contactPoints/0/fax        | 123             | is not a field of this record
            nickname                   | 小张             | is not a field of this record
            """)
    void reportsEachBadCustomerField(String path, String value, String detail) {
        assertIssue(Intake::customer, customer(), path, value, detail);
    }

    @ParameterizedTest(name = "{0} = [{1}]: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            currency     | cny          | 'cny' is not an ISO 4217 currency code such as CNY
            currency     | XXX          | 'XXX' is not a currency that bills can be issued in
            currency     | ABC          | unknown currency 'ABC'
            currency     | <missing>    | is required
            openedOn     | 2026-02-30   | '2026-02-30' is not a date such as 2026-03-31
            openedOn     | 2026/03/01   | '2026/03/01' is not a date such as 2026-03-31
            creditLimit  | -5           | cannot be negative
            creditLimit  | 1.234        | '1.234' has more than 2 decimal places for CNY
            creditLimit  | 5k           | '5k' is not a decimal amount such as 12.34
            productLine  | CAR_LOAN     | 'CAR_LOAN' is not one of TELECOM_POSTPAID, BROADBAND, WALLET_CREDIT, B2B_INVOICE, UTILITY, OTHER
            status       | OPEN         | 'OPEN' is not one of ACTIVE, SUSPENDED, CLOSED, WRITTEN_OFF
            customerRef  | <missing>    | is required
            balance      | 12.00        | is not a field of this record
            """)
    void reportsEachBadAccountField(String path, String value, String detail) {
        assertIssue(Intake::account, account(), path, value, detail);
    }

    @ParameterizedTest(name = "{0} = [{1}]: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            total                | 1234.55      | total 1234.55 is not the sum of the line items 1234.56
            total                | 0            | total 0.00 is not the sum of the line items 1234.56
            total                | -1.00        | cannot be negative
            total                | 1e3          | '1e3' is not a decimal amount such as 12.34
            total                | <missing>    | is required
            dueDate              | 2026-02-28   | due date 2026-02-28 is before the issue date 2026-03-01
            dueDate              | <missing>    | is required
            issueDate            | 2026-13-01   | '2026-13-01' is not a date such as 2026-03-31
            lines/1/amount       | 1e3          | '1e3' is not a decimal amount such as 12.34
            lines/1/amount       | 254.567      | '254.567' has more than 2 decimal places for CNY
            lines/1/amount       | 254,56       | '254,56' is not a decimal amount such as 12.34
            lines/1/amount       | <missing>    | is required
            lines/0/category     | RENT         | 'RENT' is not one of SERVICE, USAGE, FEE, INTEREST, TAX, OTHER
            lines/2/description  | <missing>    | is required
            lines/2/vat          | 0.13         | is not a field of this record
            lines                | <missing>    | is required
            currency             | RMB          | unknown currency 'RMB'
            externalRef          | INV/2026 03  | 'INV/2026 03' is not a reference: use 1 to 100 characters without spaces
            paidAmount           | 0            | is not a field of this record
            """)
    void reportsEachBadBillField(String path, String value, String detail) {
        assertIssue(Intake::bill, bill(), path, value, detail);
    }

    @ParameterizedTest(name = "{0} = [{1}]: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            amount      | 0            | must be more than zero
            amount      | 0.00         | must be more than zero
            amount      | -5.00        | must be more than zero
            amount      | 9.999        | '9.999' has more than 2 decimal places for CNY
            amount      | " "          | is required
            receivedAt  | 2026-03-31T09:30:00 | '2026-03-31T09:30:00' is not an instant with an offset such as 2026-03-31T09:30:00+08:00
            receivedAt  | 2026-03-31   | '2026-03-31' is not an instant with an offset such as 2026-03-31T09:30:00+08:00
            receivedAt  | <missing>    | is required
            method      | BITCOIN      | 'BITCOIN' is not one of BANK_TRANSFER, DIRECT_DEBIT, CARD, CASH, ALIPAY, WECHAT_PAY, WALLET, CHEQUE, OTHER
            accountRef  | <missing>    | is required
            currency    | usd          | 'usd' is not an ISO 4217 currency code such as CNY
            """)
    void reportsEachBadPaymentField(String path, String value, String detail) {
        assertIssue(Intake::payment, payment(), path, value, detail);
    }

    @ParameterizedTest(name = "{0} = [{1}]: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            type           | REFUND       | 'REFUND' is not one of CREDIT_NOTE, DEBIT_NOTE, WAIVER
            type           | <missing>    | is required
            amount         | 0            | must be more than zero
            amount         | 1.5.0        | '1.5.0' is not a decimal amount such as 12.34
            reason         | <missing>    | is required
            effectiveDate  | <missing>    | is required
            effectiveDate  | tomorrow     | 'tomorrow' is not a date such as 2026-03-31
            dueDate        | 2026-03-24   | due date 2026-03-24 is before the effective date 2026-03-25
            billRef        | INV 2026     | 'INV 2026' is not a reference: use 1 to 100 characters without spaces
            note           | x            | is not a field of this record
            """)
    void reportsEachBadAdjustmentField(String path, String value, String detail) {
        assertIssue(Intake::adjustment, adjustment(), path, value, detail);
    }

    @Test
    void refusesANameLongerThan200Characters() {
        Map<String, Object> raw = customer();
        raw.put("name", "长".repeat(201));
        assertThat(Intake.customer(raw).issues()).containsExactly(new Issue("name", "is longer than 200 characters"));
        raw.put("name", "长".repeat(200));
        assertThat(Intake.customer(raw).issues()).isEmpty();
    }

    @Test
    void refusesAReferenceLongerThan100Characters() {
        Map<String, Object> raw = payment();
        raw.put("externalRef", "P".repeat(101));
        assertThat(Intake.payment(raw).issues()).extracting(Issue::path).containsExactly("externalRef");
        raw.put("externalRef", "P".repeat(100));
        assertThat(Intake.payment(raw).issues()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(quoteCharacter = '"', value = {"\"INV\u30001\"", "\"INV\u00a01\"", "\"INV\u200b1\"", "\"INV\t1\"",
            "\"INV\u00001\""})
    void refusesReferencesWithInvisibleOrSpaceCharacters(String ref) {
        Map<String, Object> raw = bill();
        raw.put("externalRef", ref);
        assertThat(Intake.bill(raw).issues()).extracting(Issue::path).containsExactly("externalRef");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"INV-2026-03", "账单-2026年3月", "A/B#1_x.y"})
    void acceptsReferencesOfVisibleCharacters(String ref) {
        Map<String, Object> raw = bill();
        raw.put("externalRef", ref);
        assertThat(Intake.bill(raw).issues()).isEmpty();
        assertThat(Intake.bill(raw).command().externalRef()).isEqualTo(ref);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"total", "lines/0/amount"})
    void refusesJsonNumbersForAmounts(String path) {
        for (Object number : List.of(12.5, 1000, 1000L, new BigDecimal("1000.00"))) {
            Map<String, Object> raw = bill();
            set(raw, path, number);
            assertThat(Intake.bill(raw).issues()).as("%s as %s", path, number.getClass().getSimpleName())
                    .contains(new Issue(path, "must be a decimal string such as \"12.34\", not a JSON number"));
            assertThat(Intake.bill(raw).command()).isNull();
        }
    }

    @Test
    void refusesJsonNumbersForPaymentAndAdjustmentAmounts() {
        Map<String, Object> pay = payment();
        pay.put("amount", 99.9);
        assertThat(Intake.payment(pay).issues()).containsExactly(
                new Issue("amount", "must be a decimal string such as \"12.34\", not a JSON number"));
        Map<String, Object> adj = adjustment();
        adj.put("amount", 15);
        assertThat(Intake.adjustment(adj).issues()).containsExactly(
                new Issue("amount", "must be a decimal string such as \"12.34\", not a JSON number"));
    }

    @Test
    void refusesABillWithoutLineItems() {
        Map<String, Object> raw = bill();
        raw.put("lines", list());
        assertThat(Intake.bill(raw).issues()).containsExactly(new Issue("lines", "a bill needs at least one line item"));
    }

    @Test
    void refusesLinesThatAreNotAnArrayOnce() {
        Map<String, Object> raw = bill();
        raw.put("lines", "1000.00");
        assertThat(Intake.bill(raw).issues()).containsExactly(new Issue("lines", "must be an array"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesALineThatIsNotAnObject() {
        Map<String, Object> raw = bill();
        ((List<Object>) raw.get("lines")).set(1, "254.56");
        assertThat(Intake.bill(raw).issues()).contains(new Issue("lines/1", "must be an object"));
    }

    @Test
    void refusesContactPointsThatAreNotAnArray() {
        Map<String, Object> raw = customer();
        raw.put("contactPoints", record("kind", "PHONE", "value", "+8613800138000"));
        assertThat(Intake.customer(raw).issues()).containsExactly(new Issue("contactPoints", "must be an array"));
    }

    @Test
    void refusesAFieldThatIsAnObjectWhereTextBelongs() {
        Map<String, Object> raw = customer();
        raw.put("name", record("first", "伟", "last", "张"));
        assertThat(Intake.customer(raw).issues()).containsExactly(new Issue("name", "must be a string"));
    }

    @Test
    void reportsABadCurrencyOnceWithoutFailingOnTheAmounts() {
        Map<String, Object> raw = bill();
        raw.remove("currency");
        Intake.Result<IssueBill> result = Intake.bill(raw);
        assertThat(result.issues()).containsExactly(new Issue("currency", "is required"));
        assertThat(result.command()).isNull();
    }

    @Test
    void checksAmountsThatCanBeCheckedEvenWhenTheCurrencyIsBad() {
        Map<String, Object> raw = bill();
        raw.put("currency", "RMB");
        set(raw, "lines/0/amount", "1e3");
        assertThat(Intake.bill(raw).issues()).containsExactly(
                new Issue("currency", "unknown currency 'RMB'"),
                new Issue("lines/0/amount", "'1e3' is not a decimal amount such as 12.34"));
    }

    @Test
    void refusesLineItemsWhoseSumOverflows() {
        Map<String, Object> raw = bill();
        raw.put("total", "92233720368547758.07");
        raw.put("lines", list(
                record("description", "a", "category", "FEE", "amount", "92233720368547758.07"),
                record("description", "b", "category", "FEE", "amount", "0.01")));
        Intake.Result<IssueBill> result = Intake.bill(raw);
        assertThat(result.command()).isNull();
        assertThat(result.issues()).extracting(Issue::path).containsExactly("total");
        assertThat(result.issues().getFirst().detail()).contains("too large");
    }

    @Test
    void reportsEveryProblemOfARecordAtOnce() {
        Map<String, Object> raw = customer();
        raw.put("timeZone", "Mars/Olympus");
        raw.put("locale", "fr");
        set(raw, "contactPoints/0/value", "12345");
        raw.put("shoeSize", "42");
        assertThat(Intake.customer(raw).issues()).extracting(Issue::path).containsExactlyInAnyOrder(
                "timeZone", "locale", "contactPoints/0/value", "shoeSize");
        assertThat(Intake.customer(raw).valid()).isFalse();
    }

    @Test
    void acceptsTheInternalIdAndStripsSurroundingSpaces() {
        Map<String, Object> raw = payment();
        raw.put("id", "77");
        raw.put("externalRef", "  PAY-1 ");
        raw.put("amount", " 99.90 ");
        Intake.Result<PostPayment> result = Intake.payment(raw);
        assertThat(result.issues()).isEmpty();
        assertThat(result.command().externalRef()).isEqualTo("PAY-1");
        assertThat(result.command().amountMinor()).isEqualTo(9_990);
    }

    // ---- helpers ----

    private static <T> void assertIssue(Function<Map<String, Object>, Intake.Result<T>> reader,
                                        Map<String, Object> raw, String path, String value, String detail) {
        set(raw, path, MISSING.equals(value) ? null : value);
        Intake.Result<T> result = reader.apply(raw);
        assertThat(result.issues()).contains(new Issue(path, detail));
        assertThat(result.command()).isNull();
        assertThat(result.valid()).isFalse();
    }

    /** Sets (or with null removes) the field at a path such as "lines/1/amount". */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> raw, String path, Object value) {
        String[] parts = path.split("/");
        Object node = raw;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(parts[i]))
                    : ((Map<String, Object>) node).get(parts[i]);
        }
        Map<String, Object> target = (Map<String, Object>) node;
        String field = parts[parts.length - 1];
        if (value == null) {
            target.remove(field);
        } else {
            target.put(field, value);
        }
    }

    private static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
