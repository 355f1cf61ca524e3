package dev.arrears.demo;

import dev.arrears.demo.Names.Company;
import dev.arrears.demo.Names.Word;
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
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.Channel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates a realistic demo portfolio: customers in mainland China, Taiwan, New York and London on three
 * business lines (telecom postpaid 55%, wallet credit 30%, B2B invoices 15%), twelve monthly bills each ending
 * at the as-of date, and the payments, credit notes and waivers that each customer's {@link Archetype}
 * produces. Pure and deterministic: one {@link Random} seeded once, a fixed iteration order, no clock; the same
 * seed and date give equal records. Nothing happens after the as-of date (payments: their local date in the
 * customer's zone). Amounts are minor units; every bill total is exactly the sum of its lines.
 */
public final class DemoPortfolio {

    private static final int MONTHS = 12;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private DemoPortfolio() {
    }

    /** A generated batch with the archetype given to each customer, by customer reference in generation order. */
    public record Portfolio(LedgerBatch batch, Map<String, Archetype> archetypes) {
        public Portfolio {
            archetypes = Collections.unmodifiableMap(new LinkedHashMap<>(archetypes));
        }
    }

    /** Generates the records of {@code customers} demo customers with their accounts, bills and payments. */
    public static LedgerBatch generate(int customers, long seed, LocalDate asOf) {
        return portfolio(customers, seed, asOf).batch();
    }

    /** Generates a portfolio and returns it with the archetype behind each customer. */
    public static Portfolio portfolio(int customers, long seed, LocalDate asOf) {
        if (customers < 0) {
            throw new IllegalArgumentException("customers cannot be negative: " + customers);
        }
        if (asOf == null) {
            throw new IllegalArgumentException("asOf is required");
        }
        Generator generator = new Generator(new Random(seed), asOf);
        for (int n = 1; n <= customers; n++) {
            generator.customer(n);
        }
        return generator.result();
    }

    /** Where a customer lives: its locale, zone, currency, phone numbering and usual ways to pay. */
    private enum Market {
        CN("zh-CN", "Asia/Shanghai", "CNY"),
        TW("zh-TW", "Asia/Taipei", "TWD"),
        US("en", "America/New_York", "USD"),
        UK("en", "Europe/London", "GBP");

        final String locale;
        final ZoneId zone;
        final Currency currency;

        Market(String locale, String zone, String currency) {
            this.locale = locale;
            this.zone = ZoneId.of(zone);
            this.currency = Currency.getInstance(currency);
        }

        /** Returns the smallest amount prices are rounded to, in minor units (whole dollars for TWD). */
        long unit() {
            return this == TW ? 100 : 1;
        }

        /** Returns the text for this market's language. */
        String text(String zhCn, String zhTw, String en) {
            return switch (this) {
                case CN -> zhCn;
                case TW -> zhTw;
                case US, UK -> en;
            };
        }

        /** Returns a mobile number in E.164 form: +86 1[3-9]…, +886 9…, +1 212/917/646…, +44 7…. */
        String mobile(Random random) {
            return switch (this) {
                case CN -> "+861" + "35789".charAt(random.nextInt(5)) + digits(random, 9);
                case TW -> "+8869" + digits(random, 8);
                case US -> "+1" + Names.pick(random, List.of("212", "917", "646", "347", "718"))
                        + (2 + random.nextInt(8)) + digits(random, 6);
                case UK -> "+447" + (4 + random.nextInt(6)) + digits(random, 8);
            };
        }

        /** Returns a preferred way of paying for the line, weighted by how people in this market pay. */
        PaymentMethod method(Random random, ProductLine line) {
            if (line == ProductLine.B2B_INVOICE) {
                return this == US && random.nextInt(100) < 25 ? PaymentMethod.CHEQUE : PaymentMethod.BANK_TRANSFER;
            }
            int roll = random.nextInt(100);
            return switch (this) {
                case CN -> line == ProductLine.WALLET_CREDIT
                        ? roll < 60 ? PaymentMethod.WALLET : roll < 85 ? PaymentMethod.BANK_TRANSFER : PaymentMethod.ALIPAY
                        : roll < 42 ? PaymentMethod.ALIPAY : roll < 84 ? PaymentMethod.WECHAT_PAY
                        : roll < 94 ? PaymentMethod.BANK_TRANSFER : PaymentMethod.CASH;
                case TW -> line == ProductLine.WALLET_CREDIT
                        ? roll < 55 ? PaymentMethod.WALLET : roll < 85 ? PaymentMethod.BANK_TRANSFER : PaymentMethod.CASH
                        : roll < 35 ? PaymentMethod.CARD : roll < 60 ? PaymentMethod.DIRECT_DEBIT
                        : roll < 85 ? PaymentMethod.CASH : PaymentMethod.BANK_TRANSFER;
                case US -> roll < 45 ? PaymentMethod.CARD : roll < 80 ? PaymentMethod.DIRECT_DEBIT
                        : roll < 90 ? PaymentMethod.BANK_TRANSFER : PaymentMethod.CHEQUE;
                case UK -> roll < 55 ? PaymentMethod.DIRECT_DEBIT : roll < 90 ? PaymentMethod.CARD
                        : PaymentMethod.BANK_TRANSFER;
            };
        }

        /** Returns how someone who missed the direct debit pays by hand. */
        PaymentMethod manual(ProductLine line) {
            if (line == ProductLine.B2B_INVOICE) {
                return PaymentMethod.BANK_TRANSFER;
            }
            return switch (this) {
                case CN -> PaymentMethod.ALIPAY;
                case TW -> PaymentMethod.CASH;
                case US, UK -> PaymentMethod.CARD;
            };
        }
    }

    private static String digits(Random random, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    /** One account in the making: its terms and the state of its payment behaviour month by month. */
    private static final class Plan {
        int number;
        String accountRef;
        Market market;
        ProductLine line;
        Archetype archetype;
        int billDay;
        int dueDays;
        PaymentMethod method;
        int bills;
        boolean referencesBills;
        // telecom: monthly plan fee; wallet: loan principal; B2B: usual monthly invoice before tax (minor units)
        long base;
        int rateBasisPoints;
        int hardshipFrom;
        int payingBills;
        int disputed;
        int cutOffAfter;
        int paymentCount;
        int adjustmentCount;
        long previousTotal;
        boolean previousLate;
    }

    private static final class Generator {
        private final Random random;
        private final LocalDate asOf;
        private final List<RegisterCustomer> customers = new ArrayList<>();
        private final List<OpenAccount> accounts = new ArrayList<>();
        private final List<IssueBill> bills = new ArrayList<>();
        private final List<PostPayment> payments = new ArrayList<>();
        private final List<RecordAdjustment> adjustments = new ArrayList<>();
        private final Map<String, Archetype> archetypes = new LinkedHashMap<>();

        Generator(Random random, LocalDate asOf) {
            this.random = random;
            this.asOf = asOf;
        }

        Portfolio result() {
            return new Portfolio(new LedgerBatch(customers, accounts, bills, payments, adjustments), archetypes);
        }

        void customer(int number) {
            ProductLine line = line();
            Market market = market(line);
            Archetype archetype = archetype();
            String customerRef = ref("CUST", number);
            customers.add(line == ProductLine.B2B_INVOICE
                    ? business(customerRef, market)
                    : person(customerRef, market, line));
            archetypes.put(customerRef, archetype);
            account(number, customerRef, market, line, archetype);
        }

        private ProductLine line() {
            int roll = random.nextInt(100);
            return roll < 55 ? ProductLine.TELECOM_POSTPAID : roll < 85 ? ProductLine.WALLET_CREDIT
                    : ProductLine.B2B_INVOICE;
        }

        private Market market(ProductLine line) {
            int roll = random.nextInt(100);
            return switch (line) {
                case WALLET_CREDIT -> roll < 75 ? Market.CN : Market.TW;
                case B2B_INVOICE -> roll < 50 ? Market.CN : roll < 70 ? Market.US : Market.UK;
                default -> roll < 78 ? Market.CN : roll < 88 ? Market.TW : roll < 94 ? Market.US : Market.UK;
            };
        }

        private Archetype archetype() {
            int roll = random.nextInt(100);
            for (Archetype archetype : Archetype.values()) {
                roll -= archetype.weight();
                if (roll < 0) {
                    return archetype;
                }
            }
            return Archetype.PAYS_ON_TIME;
        }

        private RegisterCustomer person(String ref, Market market, ProductLine line) {
            String name;
            String mailbox;
            switch (market) {
                case CN, TW -> {
                    Word surname = Names.pick(random, market == Market.CN ? Names.CN_SURNAMES : Names.TW_SURNAMES);
                    Word given = Names.pick(random, market == Market.CN ? Names.CN_GIVEN : Names.TW_GIVEN);
                    name = surname.text() + given.text();
                    mailbox = given.latin() + "." + surname.latin();
                }
                default -> {
                    String first = Names.pick(random, Names.EN_FIRST);
                    String last = Names.pick(random, Names.EN_LAST);
                    name = first + " " + last;
                    mailbox = (first + "." + last).toLowerCase(Locale.ROOT).replace("'", "");
                }
            }
            if (random.nextInt(100) < 60) {
                mailbox += random.nextInt(100);
            }
            List<ContactPoint> points = new ArrayList<>();
            points.add(contact(ContactKind.PHONE, market.mobile(random)));
            if (random.nextInt(100) < (market == Market.CN ? 55 : 75)) {
                points.add(contact(ContactKind.EMAIL, mailbox + "@" + Names.pick(random,
                        List.of("example.com", "example.net", "example.org"))));
            }
            if (random.nextInt(100) < 35) {
                points.add(contact(ContactKind.POSTAL, address(market)));
            }
            if (random.nextInt(100) < (line == ProductLine.WALLET_CREDIT ? 85 : 35)) {
                points.add(contact(ContactKind.PUSH, pushToken()));
            }
            return new RegisterCustomer(ref, name, CustomerType.PERSON, market.locale, market.zone, points);
        }

        private RegisterCustomer business(String ref, Market market) {
            Company company = market == Market.CN ? Names.chineseCompany(random)
                    : Names.englishCompany(random, market == Market.UK);
            List<ContactPoint> points = new ArrayList<>();
            points.add(contact(ContactKind.EMAIL, Names.pick(random, List.of("accounts", "ap", "finance"))
                    + "@" + company.slug() + ".example.com"));
            if (random.nextInt(100) < 85) {
                points.add(contact(ContactKind.PHONE, market.mobile(random)));
            }
            if (random.nextInt(100) < 80) {
                points.add(contact(ContactKind.POSTAL, address(market)));
            }
            return new RegisterCustomer(ref, company.name(), CustomerType.BUSINESS, market.locale, market.zone,
                    points);
        }

        private String address(Market market) {
            return switch (market) {
                case CN -> Names.chineseAddress(random);
                case TW -> Names.taiwaneseAddress(random);
                case US -> Names.newYorkAddress(random);
                case UK -> Names.londonAddress(random);
            };
        }

        private String pushToken() {
            boolean ios = random.nextBoolean();
            StringBuilder token = new StringBuilder(ios ? "apns:" : "fcm:");
            String alphabet = ios ? "0123456789abcdef" : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            for (int i = 0; i < (ios ? 64 : 43); i++) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return token.toString();
        }

        /** Returns a contact point with consent for its channels, mostly granted, with a few opt-outs. */
        private ContactPoint contact(ContactKind kind, String value) {
            Set<Channel> consents = EnumSet.noneOf(Channel.class);
            Set<Channel> optOuts = EnumSet.noneOf(Channel.class);
            for (Channel channel : Channel.values()) {
                if (!kind.channels().contains(channel)) {
                    continue;
                }
                // visits need explicit consent and are rare; everything else is usually agreed at sign-up
                int consentPercent = channel == Channel.VISIT ? 10 : 92;
                if (random.nextInt(100) < consentPercent) {
                    consents.add(channel);
                }
                if (random.nextInt(100) < (channel == Channel.CALL ? 6 : 3)) {
                    optOuts.add(channel);
                }
            }
            return new ContactPoint(kind, value, consents, optOuts);
        }

        private void account(int number, String customerRef, Market market, ProductLine line, Archetype archetype) {
            Plan plan = new Plan();
            plan.number = number;
            plan.accountRef = ref("ACC", number);
            plan.market = market;
            plan.line = line;
            plan.archetype = archetype;
            plan.billDay = 1 + random.nextInt(28);
            plan.dueDays = line == ProductLine.B2B_INVOICE ? (random.nextInt(100) < 70 ? 30 : 60)
                    : 15 + random.nextInt(6);
            plan.method = market.method(random, line);
            plan.referencesBills = archetype == Archetype.DISPUTER
                    || random.nextInt(100) < (line == ProductLine.B2B_INVOICE ? 70 : 25);

            YearMonth last = YearMonth.from(asOf);
            if (asOf.getDayOfMonth() < plan.billDay) {
                last = last.minusMonths(1);
            }
            boolean recent = random.nextInt(100) < 18;
            YearMonth first = last.minusMonths(recent ? random.nextInt(MONTHS - 1) : MONTHS - 1);
            plan.bills = (int) ChronoUnit.MONTHS.between(first, last) + 1;
            LocalDate firstIssue = first.atDay(plan.billDay);
            LocalDate openedOn = firstIssue.minusDays(recent ? 5 + random.nextInt(35) : 40 + random.nextInt(2500));

            Long creditLimit = terms(plan);
            behaviour(plan);
            boolean cutOff = plan.cutOffAfter < plan.bills;
            AccountStatus status = cutOff && line == ProductLine.TELECOM_POSTPAID
                    ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE;
            accounts.add(new OpenAccount(plan.accountRef, customerRef, line, market.currency, status, openedOn,
                    creditLimit));

            for (int i = 0; i < Math.min(plan.bills, plan.cutOffAfter); i++) {
                bill(plan, first.plusMonths(i), i);
            }
        }

        /** Chooses the account's prices; returns its credit limit, if any. */
        private Long terms(Plan plan) {
            Market market = plan.market;
            switch (plan.line) {
                case TELECOM_POSTPAID -> {
                    List<Integer> fees = switch (market) {
                        case CN -> List.of(59, 79, 99, 129, 169, 199, 239, 299, 399);
                        case TW -> List.of(499, 599, 799, 999, 1199, 1399);
                        case US -> List.of(35, 45, 60, 75, 90);
                        case UK -> List.of(10, 15, 20, 25, 35, 45);
                    };
                    plan.base = Names.pick(random, fees) * 100L;
                    return null;
                }
                case WALLET_CREDIT -> {
                    // principal 2,400–54,000 CNY or 12,000–240,000 TWD, repaid in 12 equal principal parts
                    long major = market == Market.TW ? 12_000 + 1_000L * random.nextInt(229)
                            : 2_400 + 100L * random.nextInt(517);
                    plan.base = major * 100;
                    // monthly rates of 0.65%–1.5% (7.8%–18% a year, under the 24% cap of Chinese courts)
                    plan.rateBasisPoints = Names.pick(random, List.of(65, 80, 100, 125, 150));
                    long step = market == Market.TW ? 10_000 : 1_000;
                    return ((major + step - 1) / step) * step * 100;
                }
                default -> {
                    // usual invoice before tax: 2,500 major units grown by 10% up to 40 times (to about
                    // 113,000), so that small invoices are as common as large ones on a log scale
                    long major = 2_500;
                    for (int steps = random.nextInt(41); steps > 0; steps--) {
                        major = major * 11 / 10;
                    }
                    plan.base = major * 100;
                    return ((plan.base * 3) / 1_000_000 + 1) * 1_000_000;
                }
            }
        }

        /** Draws the months in which the archetype changes its behaviour. */
        private void behaviour(Plan plan) {
            int n = plan.bills;
            plan.hardshipFrom = Math.max(1, n / 3 + random.nextInt(Math.max(1, n - n / 3 - 1)));
            plan.payingBills = 1 + random.nextInt(Math.max(1, n - 2));
            plan.disputed = n - 1 - random.nextInt(Math.min(n, 6));
            plan.cutOffAfter = Integer.MAX_VALUE;
            if (plan.archetype == Archetype.NEVER_PAYS) {
                // a telecom operator suspends after three unpaid bills; a supplier stops delivering after two
                if (plan.line == ProductLine.TELECOM_POSTPAID) {
                    plan.cutOffAfter = plan.payingBills + 3;
                } else if (plan.line == ProductLine.B2B_INVOICE) {
                    plan.cutOffAfter = plan.payingBills + 2;
                }
            }
        }

        private void bill(Plan plan, YearMonth month, int index) {
            LocalDate issued = month.atDay(plan.billDay);
            LocalDate due = issued.plusDays(plan.dueDays);
            List<BillLine> lines = switch (plan.line) {
                case TELECOM_POSTPAID -> telecomLines(plan);
                case WALLET_CREDIT -> walletLines(plan, index);
                default -> invoiceLines(plan);
            };
            long total = 0;
            for (BillLine line : lines) {
                total = Math.addExact(total, line.amountMinor());
            }
            String billRef = "BILL-" + number(plan.number) + "-" + month;
            bills.add(new IssueBill(billRef, plan.accountRef, issued, due, plan.market.currency, total, lines));

            long owed = total;
            long lateFee = lines.stream().filter(l -> l.category() == LineCategory.FEE)
                    .mapToLong(BillLine::amountMinor).sum();
            if (lateFee > 0 && plan.archetype != Archetype.NEVER_PAYS && plan.archetype != Archetype.HARDSHIP
                    && random.nextInt(100) < 20) {
                adjust(plan, billRef, AdjustmentType.WAIVER, lateFee, issued, plan.market.text(
                        "逾期违约金减免（客户关怀）", "逾期違約金減免（客戶關懷）", "Late fee waived as a courtesy"));
                owed -= lateFee;
            }
            plan.previousTotal = total;
            plan.previousLate = settle(plan, index, billRef, issued, due, owed);
        }

        private List<BillLine> telecomLines(Plan plan) {
            Market m = plan.market;
            List<BillLine> lines = new ArrayList<>();
            lines.add(new BillLine(m.text("套餐月费", "月租費", "Monthly plan"), LineCategory.SERVICE, plan.base));
            long basic = plan.base;
            long valueAdded = 0;
            if (random.nextInt(100) < 40) {
                long calls = usage(m, 2, 40);
                basic += calls;
                lines.add(new BillLine(m.text("语音通话（超出套餐）", "通話費（超出方案）", "Calls outside allowance"),
                        LineCategory.USAGE, calls));
            }
            if (random.nextInt(100) < 35) {
                long data = usage(m, 5, 60);
                valueAdded += data;
                lines.add(new BillLine(m.text("国内流量（超出套餐）", "行動上網（超出方案）", "Data beyond allowance"),
                        LineCategory.USAGE, data));
            }
            if (random.nextInt(100) < 6) {
                long roaming = usage(m, 30, 300);
                valueAdded += roaming;
                lines.add(new BillLine(m.text("国际及港澳台漫游", "國際漫遊", "International roaming"),
                        LineCategory.USAGE, roaming));
            }
            switch (m) {
                // China: 9% VAT on basic telecom services (plan, calls), 6% on value-added services (data, roaming)
                case CN -> {
                    lines.add(new BillLine("增值税（基础电信服务 9%）", LineCategory.TAX, percent(basic, "9", m)));
                    if (valueAdded > 0) {
                        lines.add(new BillLine("增值税（增值电信服务 6%）", LineCategory.TAX,
                                percent(valueAdded, "6", m)));
                    }
                }
                case UK -> lines.add(new BillLine("VAT 20%", LineCategory.TAX, percent(basic + valueAdded, "20", m)));
                // New York: federal, state and local taxes and surcharges come to about 12% of a wireless bill
                case US -> lines.add(new BillLine("Taxes, fees and surcharges", LineCategory.TAX,
                        percent(basic + valueAdded, "12", m)));
                // Taiwan: prices include the 5% business tax
                case TW -> { }
            }
            return lines;
        }

        /** Returns a usage charge between the bounds, scaled to the market's prices, in minor units. */
        private long usage(Market market, int fromCny, int toCny) {
            long cnyMinor = fromCny * 100L + random.nextInt((toCny - fromCny) * 100 + 1);
            long minor = switch (market) {
                case CN -> cnyMinor;
                case TW -> cnyMinor * 4;
                case US -> cnyMinor / 7;
                case UK -> cnyMinor / 9;
            };
            return Math.max(market.unit(), minor / market.unit() * market.unit());
        }

        private List<BillLine> walletLines(Plan plan, int index) {
            Market m = plan.market;
            long part = plan.base / MONTHS / m.unit() * m.unit();
            long principal = index == MONTHS - 1 ? plan.base - part * (MONTHS - 1) : part;
            long remaining = plan.base - part * index;
            long interest = percent(remaining, BigDecimal.valueOf(plan.rateBasisPoints, 2).toPlainString(), m);
            int instalment = index + 1;
            List<BillLine> lines = new ArrayList<>();
            lines.add(new BillLine(m.text("第" + instalment + "/12期本金", "第" + instalment + "/12期本金",
                    "Instalment " + instalment + " of 12"), LineCategory.SERVICE, principal));
            lines.add(new BillLine(m.text("第" + instalment + "/12期利息", "第" + instalment + "/12期利息",
                    "Interest, instalment " + instalment), LineCategory.INTEREST, interest));
            if (plan.previousLate) {
                // late fee: 5% of the previous bill, at least 10 CNY and at most 100 CNY; a flat 300 TWD
                long fee = m == Market.TW ? 30_000
                        : Math.min(10_000, Math.max(1_000, percent(plan.previousTotal, "5", m)));
                lines.add(new BillLine(m.text("逾期违约金", "逾期違約金", "Late payment fee"), LineCategory.FEE, fee));
            }
            return lines;
        }

        private record Item(String zhCn, String en, LineCategory category, String cnVatPercent) {
        }

        private static final List<Item> CATALOGUE = List.of(
                new Item("干线运输服务", "Freight and haulage", LineCategory.SERVICE, "9"),
                new Item("仓储服务费", "Warehousing and storage", LineCategory.SERVICE, "6"),
                new Item("包装材料", "Packaging materials", LineCategory.OTHER, "13"),
                new Item("技术服务费", "Consultancy services", LineCategory.SERVICE, "6"),
                new Item("设备租赁费", "Equipment hire", LineCategory.OTHER, "13"),
                new Item("装卸搬运服务", "Handling charges", LineCategory.SERVICE, "6"));

        private List<BillLine> invoiceLines(Plan plan) {
            Market m = plan.market;
            long net = plan.base * (80 + random.nextInt(41)) / 100;
            List<Item> items = new ArrayList<>(CATALOGUE);
            int count = 2 + random.nextInt(4);
            List<Item> chosen = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chosen.add(items.remove(random.nextInt(items.size())));
            }
            int[] weights = new int[count];
            int weightSum = 0;
            for (int i = 0; i < count; i++) {
                weights[i] = 1 + random.nextInt(10);
                weightSum += weights[i];
            }
            List<BillLine> lines = new ArrayList<>();
            Map<String, Long> taxable = new LinkedHashMap<>();
            long allocated = 0;
            for (int i = 0; i < count; i++) {
                long amount = i == count - 1 ? net - allocated : net * weights[i] / weightSum;
                allocated += amount;
                Item item = chosen.get(i);
                lines.add(new BillLine(m == Market.CN ? item.zhCn() : item.en(), item.category(), amount));
                taxable.merge(item.cnVatPercent(), amount, Long::sum);
            }
            if (m == Market.CN) {
                for (String rate : List.of("6", "9", "13")) {
                    Long base = taxable.get(rate);
                    if (base != null) {
                        lines.add(new BillLine("增值税 " + rate + "%", LineCategory.TAX, percent(base, rate, m)));
                    }
                }
            } else if (m == Market.UK) {
                lines.add(new BillLine("VAT 20%", LineCategory.TAX, percent(net, "20", m)));
            }
            return lines;
        }

        /**
         * Records the payments (and a dispute's credit note) that settle a bill as the archetype behaves;
         * returns true when the bill was not paid in full by its due date.
         */
        private boolean settle(Plan plan, int index, String billRef, LocalDate issued, LocalDate due, long owed) {
            int window = (int) ChronoUnit.DAYS.between(issued, due);
            return switch (plan.archetype) {
                case PAYS_EARLY -> pay(plan, billRef, issued.plusDays(1 + random.nextInt(Math.max(1, window - 3))),
                        owed, due);
                case PAYS_ON_TIME -> onTime(plan, billRef, due, owed);
                case OCCASIONALLY_LATE -> random.nextInt(100) < 80 ? onTime(plan, billRef, due, owed)
                        : pay(plan, billRef, due.plusDays(2 + random.nextInt(24)), owed, due);
                case CHRONICALLY_LATE -> random.nextInt(100) < 15 ? onTime(plan, billRef, due, owed)
                        : pay(plan, billRef, due.plusDays(5 + random.nextInt(46)), owed, due);
                case HARDSHIP -> {
                    if (index < plan.hardshipFrom) {
                        yield onTime(plan, billRef, due, owed);
                    }
                    if (random.nextInt(100) < 25) {
                        yield true;
                    }
                    // part of the bill, unreferenced: it goes to the oldest open bill first
                    long part = owed * (25 + random.nextInt(46)) / 100 / plan.market.unit() * plan.market.unit();
                    if (part > 0) {
                        payment(plan, null, due.plusDays(random.nextInt(21)), part, true);
                    }
                    yield true;
                }
                case DISPUTER -> {
                    if (index != plan.disputed) {
                        yield onTime(plan, billRef, due, owed);
                    }
                    LocalDate settled = due.plusDays(20 + random.nextInt(41));
                    long credit = Math.max(plan.market.unit(),
                            owed * (10 + random.nextInt(41)) / 100 / plan.market.unit() * plan.market.unit());
                    if (adjust(plan, billRef, AdjustmentType.CREDIT_NOTE, credit, settled, plan.market.text(
                            "账单争议核减：经核查部分费用有误", "帳單爭議調整：經查部分費用有誤",
                            "Disputed charges credited after review"))) {
                        pay(plan, billRef, settled.plusDays(1 + random.nextInt(10)), owed - credit, due);
                    }
                    yield true;
                }
                case NEVER_PAYS -> index < plan.payingBills ? onTime(plan, billRef, due, owed) : true;
            };
        }

        private boolean onTime(Plan plan, String billRef, LocalDate due, long owed) {
            LocalDate date = plan.method == PaymentMethod.DIRECT_DEBIT ? due : due.minusDays(random.nextInt(4));
            return pay(plan, billRef, date, owed, due);
        }

        /** Pays a bill in full on a date; returns true when that is after the due date. */
        private boolean pay(Plan plan, String billRef, LocalDate date, long amount, LocalDate due) {
            if (amount > 0) {
                payment(plan, plan.referencesBills ? billRef : null, date, amount, date.isAfter(due));
            }
            return date.isAfter(due);
        }

        private void payment(Plan plan, String reference, LocalDate date, long amount, boolean late) {
            if (date.isAfter(asOf)) {
                return;
            }
            PaymentMethod method = plan.method;
            if (late && method == PaymentMethod.DIRECT_DEBIT || random.nextInt(100) < 10) {
                method = plan.market.manual(plan.line);
            }
            int hour = method == PaymentMethod.DIRECT_DEBIT ? 6 + random.nextInt(3)
                    : plan.line == ProductLine.B2B_INVOICE ? 9 + random.nextInt(8)
                    : 8 + random.nextInt(15);
            Instant receivedAt = date.atTime(hour, random.nextInt(60), random.nextInt(60))
                    .atZone(plan.market.zone).toInstant();
            plan.paymentCount++;
            payments.add(new PostPayment("PAY-" + number(plan.number) + "-" + twoDigits(plan.paymentCount),
                    plan.accountRef, amount, plan.market.currency, receivedAt, method, reference));
        }

        /** Records an adjustment to a bill unless its date is after the as-of date; returns whether it did. */
        private boolean adjust(Plan plan, String billRef, AdjustmentType type, long amount, LocalDate effective,
                               String reason) {
            if (effective.isAfter(asOf) || amount <= 0) {
                return false;
            }
            plan.adjustmentCount++;
            adjustments.add(new RecordAdjustment("ADJ-" + number(plan.number) + "-"
                    + twoDigits(plan.adjustmentCount), plan.accountRef, billRef, type, amount,
                    plan.market.currency, reason, effective, null));
            return true;
        }
    }

    /** Returns a percentage of an amount in minor units, rounded half up to the market's price unit. */
    private static long percent(long amountMinor, String percent, Market market) {
        BigDecimal unit = BigDecimal.valueOf(market.unit());
        return BigDecimal.valueOf(amountMinor).multiply(new BigDecimal(percent)).divide(HUNDRED)
                .divide(unit, 0, RoundingMode.HALF_UP).multiply(unit).longValueExact();
    }

    private static String ref(String prefix, int number) {
        return prefix + "-" + number(number);
    }

    private static String number(int number) {
        return padded(number, 6);
    }

    private static String twoDigits(int number) {
        return padded(number, 2);
    }

    private static String padded(int number, int width) {
        String digits = Integer.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
