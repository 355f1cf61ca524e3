package dev.arrears.demo;

import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.domain.AccountHistory;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentFact;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.ledger.domain.AccountHistory.BillFact;
import dev.arrears.ledger.domain.AccountHistory.PaymentFact;
import dev.arrears.ledger.domain.AccountPosition;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.ledger.domain.Positions;
import dev.arrears.ledger.intake.Intake;
import dev.arrears.shared.Money;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoPortfolioTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    private static final int CUSTOMERS = 2_000;

    private static DemoPortfolio.Portfolio portfolio;
    private static LedgerBatch batch;

    @BeforeAll
    static void generate() {
        portfolio = DemoPortfolio.portfolio(CUSTOMERS, 42, AS_OF);
        batch = portfolio.batch();
    }

    @Test
    void sameSeedAndDate_giveEqualRecords() {
        LedgerBatch again = DemoPortfolio.generate(CUSTOMERS, 42, AS_OF);

        assertThat(again.customers()).isEqualTo(batch.customers());
        assertThat(again.accounts()).isEqualTo(batch.accounts());
        assertThat(again.bills()).isEqualTo(batch.bills());
        assertThat(again.payments()).isEqualTo(batch.payments());
        assertThat(again.adjustments()).isEqualTo(batch.adjustments());
        assertThat(again).isEqualTo(batch);
    }

    @Test
    void fewerCustomers_areTheFirstCustomersOfALargerPortfolio() {
        LedgerBatch small = DemoPortfolio.generate(200, 42, AS_OF);

        assertThat(small.customers()).isEqualTo(batch.customers().subList(0, 200));
        assertThat(small.accounts()).isEqualTo(batch.accounts().subList(0, 200));
        // plain set look-ups: AssertJ's containsAll searches lists linearly
        assertThat(new HashSet<>(batch.bills()).containsAll(small.bills())).isTrue();
        assertThat(new HashSet<>(batch.payments()).containsAll(small.payments())).isTrue();
        assertThat(new HashSet<>(batch.adjustments()).containsAll(small.adjustments())).isTrue();
    }

    @Test
    void differentSeed_givesDifferentRecords() {
        LedgerBatch other = DemoPortfolio.generate(CUSTOMERS, 43, AS_OF);

        assertThat(other.customers()).isNotEqualTo(batch.customers());
        assertThat(other.bills()).isNotEqualTo(batch.bills());
        assertThat(other.payments()).isNotEqualTo(batch.payments());
    }

    @Test
    void negativeCustomerCount_isRefused() {
        assertThatThrownBy(() -> DemoPortfolio.generate(-1, 42, AS_OF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThat(DemoPortfolio.generate(0, 42, AS_OF).customers()).isEmpty();
    }

    @Test
    void everyBillTotal_isTheSumOfItsLines() {
        assertThat(batch.bills()).isNotEmpty();
        for (IssueBill bill : batch.bills()) {
            long sum = bill.lines().stream().mapToLong(BillLine::amountMinor).sum();
            assertThat(sum).as(bill.externalRef()).isEqualTo(bill.totalMinor());
            assertThat(bill.lines()).as(bill.externalRef()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line.amountMinor()).isPositive());
            assertThat(bill.dueDate()).isAfter(bill.issueDate());
        }
    }

    @ParameterizedTest
    @CsvSource({"2026-11-23", "2026-03-01", "2026-02-28", "2024-02-29", "2025-12-31"})
    void nothingHappens_afterTheAsOfDate(LocalDate asOf) {
        LedgerBatch generated = DemoPortfolio.generate(500, 11, asOf);
        Map<String, ZoneId> zones = zonesByAccount(generated);

        assertThat(generated.accounts()).allSatisfy(a -> assertThat(a.openedOn()).isBefore(asOf));
        assertThat(generated.bills()).allSatisfy(b -> {
            assertThat(b.issueDate()).isBeforeOrEqualTo(asOf);
            // twelve months of history: no bill older than a year
            assertThat(b.issueDate()).isAfter(asOf.minusYears(1));
        });
        assertThat(generated.payments()).allSatisfy(p -> assertThat(
                p.receivedAt().atZone(zones.get(p.accountRef())).toLocalDate()).isBeforeOrEqualTo(asOf));
        assertThat(generated.adjustments()).allSatisfy(a -> assertThat(a.effectiveDate()).isBeforeOrEqualTo(asOf));
        // the latest bills reach the as-of month (or the month before, for billing days after the as-of day)
        LocalDate latest = generated.bills().stream().map(IssueBill::issueDate).max(LocalDate::compareTo)
                .orElseThrow();
        assertThat(latest).isAfter(asOf.minusDays(31));
    }

    @Test
    void everyReference_pointsAtAGeneratedRecordInTheAccountCurrency() {
        Set<String> customerRefs = batch.customers().stream().map(RegisterCustomer::externalRef)
                .collect(Collectors.toSet());
        Map<String, OpenAccount> accounts = byRef(batch.accounts(), OpenAccount::externalRef);
        Map<String, IssueBill> bills = byRef(batch.bills(), IssueBill::externalRef);
        Pattern billRef = Pattern.compile("BILL-\\d{6}-\\d{4}-\\d{2}");
        List<Object> broken = new ArrayList<>();

        for (OpenAccount a : batch.accounts()) {
            if (!customerRefs.contains(a.customerRef())) {
                broken.add(a);
            }
        }
        for (IssueBill b : batch.bills()) {
            OpenAccount account = accounts.get(b.accountRef());
            if (account == null || !b.currency().equals(account.currency())
                    || !billRef.matcher(b.externalRef()).matches()) {
                broken.add(b);
            }
        }
        for (PostPayment p : batch.payments()) {
            OpenAccount account = accounts.get(p.accountRef());
            if (account == null || !p.currency().equals(account.currency()) || p.amountMinor() <= 0
                    || p.reference() != null && !bills.get(p.reference()).accountRef().equals(p.accountRef())) {
                broken.add(p);
            }
        }
        for (RecordAdjustment a : batch.adjustments()) {
            OpenAccount account = accounts.get(a.accountRef());
            IssueBill bill = bills.get(a.billRef());
            if (account == null || !a.currency().equals(account.currency()) || bill == null
                    || !bill.accountRef().equals(a.accountRef()) || a.amountMinor() <= 0
                    || a.amountMinor() > bill.totalMinor()) {
                broken.add(a);
            }
        }

        assertThat(customerRefs).hasSize(CUSTOMERS);
        assertThat(broken).isEmpty();
        assertThat(batch.payments()).anySatisfy(p -> assertThat(p.reference()).isNotNull());
        assertThat(batch.adjustments()).extracting(RecordAdjustment::type)
                .contains(AdjustmentType.CREDIT_NOTE, AdjustmentType.WAIVER);
        assertThat(batch.customers().getFirst().externalRef()).isEqualTo("CUST-000001");
        assertThat(batch.accounts().getFirst().externalRef()).isEqualTo("ACC-000001");
    }

    @Test
    void externalReferences_areUniquePerKind() {
        assertUnique(batch.customers().stream().map(RegisterCustomer::externalRef).toList());
        assertUnique(batch.accounts().stream().map(OpenAccount::externalRef).toList());
        assertUnique(batch.bills().stream().map(IssueBill::externalRef).toList());
        assertUnique(batch.payments().stream().map(PostPayment::externalRef).toList());
        assertUnique(batch.adjustments().stream().map(RecordAdjustment::externalRef).toList());
    }

    @Test
    void everyArchetype_appearsAmongTwoThousandCustomers() {
        Map<Archetype, Long> counts = portfolio.archetypes().values().stream()
                .collect(Collectors.groupingBy(a -> a, () -> new EnumMap<>(Archetype.class), Collectors.counting()));

        assertThat(counts).containsOnlyKeys(Archetype.values());
        assertThat(Arrays.stream(Archetype.values()).mapToInt(Archetype::weight).sum()).isEqualTo(100);
        for (Archetype archetype : Archetype.values()) {
            double share = 100.0 * counts.get(archetype) / CUSTOMERS;
            assertThat(share).as(archetype.name()).isCloseTo(archetype.weight(), org.assertj.core.data.Offset.offset(3.0));
        }
    }

    @ParameterizedTest
    @CsvSource({"TELECOM_POSTPAID, 55", "WALLET_CREDIT, 30", "B2B_INVOICE, 15"})
    void businessLines_followTheirTargetShares(ProductLine line, int percent) {
        long count = batch.accounts().stream().filter(a -> a.productLine() == line).count();

        assertThat(100.0 * count / batch.accounts().size()).isBetween(percent - 5.0, percent + 5.0);
    }

    @Test
    void customers_matchTheirMarket() {
        Map<String, OpenAccount> accountsByCustomer = byRef(batch.accounts(), OpenAccount::customerRef);
        Map<String, String> localeOfZone = Map.of("Asia/Shanghai", "zh-CN", "Asia/Taipei", "zh-TW",
                "America/New_York", "en", "Europe/London", "en");
        Map<String, String> currencyOfZone = Map.of("Asia/Shanghai", "CNY", "Asia/Taipei", "TWD",
                "America/New_York", "USD", "Europe/London", "GBP");
        Map<String, Pattern> phoneOfZone = Map.of(
                "Asia/Shanghai", Pattern.compile("\\+861[3-9]\\d{9}"),
                "Asia/Taipei", Pattern.compile("\\+8869\\d{8}"),
                "America/New_York", Pattern.compile("\\+1(212|917|646|347|718)[2-9]\\d{6}"),
                "Europe/London", Pattern.compile("\\+447\\d{9}"));
        Set<String> zonesSeen = new HashSet<>();
        for (RegisterCustomer customer : batch.customers()) {
            String zone = customer.timeZone().getId();
            OpenAccount account = accountsByCustomer.get(customer.externalRef());
            zonesSeen.add(zone);
            assertThat(customer.locale()).as(customer.externalRef()).isEqualTo(localeOfZone.get(zone));
            assertThat(account.currency().getCurrencyCode()).isEqualTo(currencyOfZone.get(zone));
            assertThat(customer.type()).isEqualTo(account.productLine() == ProductLine.B2B_INVOICE
                    ? CustomerType.BUSINESS : CustomerType.PERSON);
            assertThat(customer.contactPoints()).isNotEmpty();
            for (ContactPoint point : customer.contactPoints()) {
                if (point.kind() == ContactKind.PHONE) {
                    assertThat(point.value()).matches(phoneOfZone.get(zone));
                }
                if (point.kind() == ContactKind.EMAIL) {
                    // reserved domains only: a demo notice must never reach a real mailbox
                    assertThat(point.value()).matches(".+@([a-z0-9-]+\\.)?example\\.(com|net|org)");
                }
            }
        }
        assertThat(zonesSeen).containsExactlyInAnyOrder("Asia/Shanghai", "Asia/Taipei", "America/New_York",
                "Europe/London");
        assertThat(batch.customers()).anySatisfy(c -> assertThat(c.name()).matches("\\p{IsHan}{2,4}"));
        assertThat(batch.customers()).anySatisfy(c -> assertThat(c.name()).endsWith("有限公司"));
        assertThat(batch.customers()).anySatisfy(c -> assertThat(c.name()).endsWith(" Ltd"));
        List<ContactPoint> points = batch.customers().stream().flatMap(c -> c.contactPoints().stream()).toList();
        assertThat(points).anySatisfy(p -> assertThat(p.kind()).isEqualTo(ContactKind.POSTAL));
        assertThat(points).anySatisfy(p -> assertThat(p.kind()).isEqualTo(ContactKind.PUSH));
        assertThat(points).anySatisfy(p -> assertThat(p.optOuts()).isNotEmpty());
        long usable = points.stream().filter(p -> p.kind().channels().stream().anyMatch(p::usableFor)).count();
        assertThat(100.0 * usable / points.size()).as("share of contact points usable on some channel")
                .isGreaterThan(85.0);
    }

    @Test
    void amounts_fitEachBusinessLine() {
        Map<String, OpenAccount> accounts = byRef(batch.accounts(), OpenAccount::externalRef);
        List<String> misfits = new ArrayList<>();
        for (IssueBill bill : batch.bills()) {
            OpenAccount account = accounts.get(bill.accountRef());
            String currency = bill.currency().getCurrencyCode();
            long major = bill.totalMinor() / 100;
            long termDays = java.time.temporal.ChronoUnit.DAYS.between(bill.issueDate(), bill.dueDate());
            Set<LineCategory> categories = bill.lines().stream().map(BillLine::category)
                    .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(LineCategory.class)));
            boolean fits = switch (account.productLine()) {
                case TELECOM_POSTPAID -> termDays >= 15 && termDays <= 20 && (!currency.equals("CNY")
                        || major >= 59 && major <= 1_000 && categories.contains(LineCategory.TAX));
                case WALLET_CREDIT -> termDays >= 15 && termDays <= 20 && categories.contains(LineCategory.INTEREST)
                        && (!currency.equals("CNY") || major >= 200 && major <= 5_500);
                case B2B_INVOICE -> (termDays == 30 || termDays == 60) && bill.lines().size() >= 2
                        && major >= 2_000 && major <= 200_000;
                default -> false;
            };
            // Taiwan dollars are whole
            if (currency.equals("TWD") && bill.lines().stream().anyMatch(l -> l.amountMinor() % 100 != 0)) {
                fits = false;
            }
            if (!fits) {
                misfits.add(account.productLine() + " " + bill);
            }
        }

        assertThat(misfits).isEmpty();
        assertThat(batch.bills()).anySatisfy(b -> assertThat(b.lines())
                .anySatisfy(l -> assertThat(l.category()).isEqualTo(LineCategory.FEE)));
        assertThat(batch.accounts()).anySatisfy(a -> assertThat(a.currency().getCurrencyCode()).isEqualTo("TWD"));
        assertThat(batch.accounts()).anySatisfy(a -> assertThat(a.status()).isEqualTo(AccountStatus.SUSPENDED));
    }

    @Test
    void chineseTelecomTax_isNinePercentOfBasicAndSixPercentOfValueAddedServices() {
        IssueBill bill = batch.bills().stream()
                .filter(b -> b.lines().stream().anyMatch(l -> l.description().contains("增值电信服务 6%")))
                .findFirst().orElseThrow();
        long basic = bill.lines().stream().filter(l -> l.description().equals("套餐月费")
                || l.description().startsWith("语音通话")).mapToLong(BillLine::amountMinor).sum();
        long valueAdded = bill.lines().stream().filter(l -> l.description().startsWith("国内流量")
                || l.description().startsWith("国际")).mapToLong(BillLine::amountMinor).sum();
        long tax9 = bill.lines().stream().filter(l -> l.description().contains("9%"))
                .mapToLong(BillLine::amountMinor).sum();
        long tax6 = bill.lines().stream().filter(l -> l.description().contains("6%"))
                .mapToLong(BillLine::amountMinor).sum();

        assertThat(tax9).isEqualTo(new java.math.BigDecimal(basic).multiply(new java.math.BigDecimal("0.09"))
                .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        assertThat(tax6).isEqualTo(new java.math.BigDecimal(valueAdded).multiply(new java.math.BigDecimal("0.06"))
                .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    @Test
    void everyRecord_passesIntakeUnchanged() {
        // the first 500 customers of the shared portfolio (a smaller run generates exactly those)
        LedgerBatch batch = DemoPortfolio.generate(500, 42, AS_OF);
        List<String> rejected = new ArrayList<>();
        for (RegisterCustomer customer : batch.customers()) {
            check(rejected, customer, Intake.customer(raw(customer)));
        }
        for (OpenAccount account : batch.accounts()) {
            check(rejected, account, Intake.account(raw(account)));
        }
        for (IssueBill bill : batch.bills()) {
            check(rejected, bill, Intake.bill(raw(bill)));
        }
        for (PostPayment payment : batch.payments()) {
            check(rejected, payment, Intake.payment(raw(payment)));
        }
        for (RecordAdjustment adjustment : batch.adjustments()) {
            check(rejected, adjustment, Intake.adjustment(raw(adjustment)));
        }

        assertThat(rejected).isEmpty();
    }

    private static void check(List<String> rejected, Object record, Intake.Result<?> result) {
        if (!result.valid() || !record.equals(result.command())) {
            rejected.add(record + " -> " + result);
        }
    }

    @Test
    void portfolio_agesIntoARealisticMix() {
        Map<AgingBucket, Integer> buckets = new EnumMap<>(AgingBucket.class);
        Map<Archetype, Map<AgingBucket, Integer>> byArchetype = new EnumMap<>(Archetype.class);
        Map<String, Archetype> archetypeOfAccount = new LinkedHashMap<>();
        for (OpenAccount account : batch.accounts()) {
            archetypeOfAccount.put(account.externalRef(), portfolio.archetypes().get(account.customerRef()));
        }
        for (Map.Entry<String, AccountHistory> entry : histories(batch).entrySet()) {
            AccountPosition position = Positions.asOf(entry.getValue(), AS_OF);
            assertThat(position.daysPastDue()).isNotNegative();
            buckets.merge(position.bucket(), 1, Integer::sum);
            byArchetype.computeIfAbsent(archetypeOfAccount.get(entry.getKey()), a -> new EnumMap<>(AgingBucket.class))
                    .merge(position.bucket(), 1, Integer::sum);
        }
        int accounts = batch.accounts().size();

        assertThat(share(buckets, AgingBucket.CURRENT, accounts)).as("current %s", buckets).isBetween(60.0, 90.0);
        assertThat(share(buckets, AgingBucket.D1_30, accounts)).as("1-30 %s", buckets).isBetween(2.0, 20.0);
        assertThat(share(buckets, AgingBucket.D31_60, accounts)).as("31-60 %s", buckets).isGreaterThan(0.5);
        assertThat(share(buckets, AgingBucket.D61_90, accounts)).as("61-90 %s", buckets).isGreaterThan(0.3);
        assertThat(share(buckets, AgingBucket.D91_180, accounts) + share(buckets, AgingBucket.D181_PLUS, accounts))
                .as("91+ %s", buckets).isBetween(2.0, 15.0);
        assertThat(buckets.getOrDefault(AgingBucket.D181_PLUS, 0)).isPositive();
        // the good payers are all current; those who never pay are all behind
        assertThat(byArchetype.get(Archetype.PAYS_EARLY)).containsOnlyKeys(AgingBucket.CURRENT);
        Map<AgingBucket, Integer> neverPays = byArchetype.get(Archetype.NEVER_PAYS);
        int neverPaysTotal = neverPays.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(share(neverPays, AgingBucket.CURRENT, neverPaysTotal)).as("never pays %s", neverPays)
                .isLessThan(10.0);
    }

    private static double share(Map<AgingBucket, Integer> buckets, AgingBucket bucket, int total) {
        return 100.0 * buckets.getOrDefault(bucket, 0) / total;
    }

    /** Builds each account's history from the batch, as the store would, with ids in batch order. */
    private static Map<String, AccountHistory> histories(LedgerBatch batch) {
        Map<String, ZoneId> zones = zonesByAccount(batch);
        Map<String, List<BillFact>> bills = new LinkedHashMap<>();
        Map<String, List<PaymentFact>> payments = new LinkedHashMap<>();
        Map<String, List<AdjustmentFact>> adjustments = new LinkedHashMap<>();
        long id = 0;
        for (IssueBill b : batch.bills()) {
            bills.computeIfAbsent(b.accountRef(), k -> new ArrayList<>())
                    .add(new BillFact(++id, b.externalRef(), b.issueDate(), b.dueDate(), b.totalMinor()));
        }
        for (PostPayment p : batch.payments()) {
            payments.computeIfAbsent(p.accountRef(), k -> new ArrayList<>())
                    .add(new PaymentFact(++id, p.externalRef(), p.receivedAt(), p.amountMinor(), p.reference(), null));
        }
        for (RecordAdjustment a : batch.adjustments()) {
            adjustments.computeIfAbsent(a.accountRef(), k -> new ArrayList<>())
                    .add(new AdjustmentFact(++id, a.externalRef(), a.type(), a.billRef(), a.amountMinor(),
                            a.effectiveDate(), a.dueDate()));
        }
        Map<String, AccountHistory> histories = new LinkedHashMap<>();
        for (OpenAccount account : batch.accounts()) {
            String ref = account.externalRef();
            histories.put(ref, new AccountHistory(account.currency(), zones.get(ref),
                    bills.getOrDefault(ref, List.of()), payments.getOrDefault(ref, List.of()),
                    adjustments.getOrDefault(ref, List.of())));
        }
        return histories;
    }

    private static Map<String, ZoneId> zonesByAccount(LedgerBatch batch) {
        Map<String, ZoneId> customerZones = batch.customers().stream()
                .collect(Collectors.toMap(RegisterCustomer::externalRef, RegisterCustomer::timeZone));
        return batch.accounts().stream()
                .collect(Collectors.toMap(OpenAccount::externalRef, a -> customerZones.get(a.customerRef())));
    }

    private static <T> Map<String, T> byRef(List<T> records, Function<T, String> ref) {
        return records.stream().collect(Collectors.toMap(ref, r -> r, (a, b) -> {
            throw new AssertionError("duplicate reference " + ref.apply(a));
        }, LinkedHashMap::new));
    }

    private static void assertUnique(List<String> refs) {
        assertThat(new HashSet<>(refs)).hasSameSizeAs(refs);
    }

    // Raw records as JSON would carry them: strings, lists and maps, amounts as decimal strings in major units.

    private static Map<String, Object> raw(RegisterCustomer c) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("externalRef", c.externalRef());
        raw.put("name", c.name());
        raw.put("type", c.type().name());
        raw.put("locale", c.locale());
        raw.put("timeZone", c.timeZone().getId());
        raw.put("contactPoints", c.contactPoints().stream().map(p -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("kind", p.kind().name());
            point.put("value", p.value());
            point.put("consents", p.consents().stream().map(Enum::name).sorted().toList());
            point.put("optOuts", p.optOuts().stream().map(Enum::name).sorted().toList());
            return point;
        }).toList());
        return raw;
    }

    private static Map<String, Object> raw(OpenAccount a) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("externalRef", a.externalRef());
        raw.put("customerRef", a.customerRef());
        raw.put("productLine", a.productLine().name());
        raw.put("currency", a.currency().getCurrencyCode());
        raw.put("status", a.status().name());
        raw.put("openedOn", a.openedOn().toString());
        if (a.creditLimitMinor() != null) {
            raw.put("creditLimit", Money.format(a.creditLimitMinor(), a.currency()));
        }
        return raw;
    }

    private static Map<String, Object> raw(IssueBill b) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("externalRef", b.externalRef());
        raw.put("accountRef", b.accountRef());
        raw.put("issueDate", b.issueDate().toString());
        raw.put("dueDate", b.dueDate().toString());
        raw.put("currency", b.currency().getCurrencyCode());
        raw.put("total", Money.format(b.totalMinor(), b.currency()));
        raw.put("lines", b.lines().stream().map(l -> Map.<String, Object>of("description", l.description(),
                "category", l.category().name(), "amount", Money.format(l.amountMinor(), b.currency()))).toList());
        return raw;
    }

    private static Map<String, Object> raw(PostPayment p) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("externalRef", p.externalRef());
        raw.put("accountRef", p.accountRef());
        raw.put("amount", Money.format(p.amountMinor(), p.currency()));
        raw.put("currency", p.currency().getCurrencyCode());
        raw.put("receivedAt", p.receivedAt().toString());
        raw.put("method", p.method().name());
        if (p.reference() != null) {
            raw.put("reference", p.reference());
        }
        return raw;
    }

    private static Map<String, Object> raw(RecordAdjustment a) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("externalRef", a.externalRef());
        raw.put("accountRef", a.accountRef());
        raw.put("billRef", a.billRef());
        raw.put("type", a.type().name());
        raw.put("amount", Money.format(a.amountMinor(), a.currency()));
        raw.put("currency", a.currency().getCurrencyCode());
        raw.put("reason", a.reason());
        raw.put("effectiveDate", a.effectiveDate().toString());
        return raw;
    }
}
