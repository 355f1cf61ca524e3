package dev.arrears.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * Writes the CSV files of the import benchmark: customers, their accounts (two per customer, in CNY or USD) and
 * bills with two to four line items each (three on average), from a seeded {@link Random} so that the same seed
 * gives the same files. References carry a run prefix so that runs against a shared server do not collide.
 */
final class BenchData {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊"};
    private static final String[] ENGLISH = {"Alice Walker", "Brian O'Neil", "Chloe Smith", "David Jones",
            "Emma Brown", "Frank Miller"};
    private static final String[][] ITEMS = {
            {"月租费 Monthly plan", "SERVICE"}, {"Data usage, 4G", "USAGE"}, {"国际漫游 roaming", "USAGE"},
            {"Late fee", "FEE"}, {"VAT \"standard\"", "TAX"}, {"增值业务", "SERVICE"}};
    private static final LocalDate FIRST_ISSUE = LocalDate.of(2025, 12, 1);

    private final Random random;
    private final String prefix;
    private final int accounts;

    BenchData(long seed, String prefix, int accounts) {
        this.random = new Random(seed);
        this.prefix = prefix;
        this.accounts = Math.max(2, accounts);
    }

    int customers() {
        return (accounts + 1) / 2;
    }

    /** Writes the customers file. */
    void writeCustomers(Path file) throws IOException {
        try (Writer out = writer(file)) {
            out.write("externalRef,name,type,locale,timeZone,phone,email,consents\n");
            for (int c = 0; c < customers(); c++) {
                boolean chinese = c % 3 != 2;
                String name = chinese ? SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                        : ENGLISH[random.nextInt(ENGLISH.length)];
                out.write(prefix + "C" + c + "," + csv(name) + ",PERSON," + (chinese ? "zh-CN" : "en") + ","
                        + (chinese ? "Asia/Shanghai" : "America/New_York") + ",+86138" + String.format("%08d", c)
                        + ",c" + c + "@example.com,SMS;EMAIL\n");
            }
        }
    }

    /** Writes the accounts file: account a belongs to customer a / 2. */
    void writeAccounts(Path file) throws IOException {
        try (Writer out = writer(file)) {
            out.write("externalRef,customerRef,productLine,currency,status,openedOn,creditLimit\n");
            for (int a = 0; a < accounts; a++) {
                out.write(prefix + "A" + a + "," + prefix + "C" + (a / 2) + "," + (a % 2 == 0 ? "TELECOM_POSTPAID"
                        : "WALLET_CREDIT") + "," + currency(a) + ",ACTIVE,2025-01-15,5000.00\n");
            }
        }
    }

    /** Writes the bills file and returns the number of rows (line items). */
    long writeBills(Path file, int bills) throws IOException {
        long rows = 0;
        StringBuilder line = new StringBuilder(256);
        long[] amounts = new long[4];
        try (Writer out = writer(file)) {
            out.write("externalRef,accountRef,issueDate,dueDate,currency,total,lineDescription,lineCategory,"
                    + "lineAmount\n");
            for (int b = 0; b < bills; b++) {
                int account = random.nextInt(accounts);
                LocalDate issued = FIRST_ISSUE.plusDays(random.nextInt(300));
                int items = 2 + random.nextInt(3);
                long total = 0;
                for (int i = 0; i < items; i++) {
                    amounts[i] = 1 + random.nextInt(50_000);
                    total += amounts[i];
                }
                for (int i = 0; i < items; i++) {
                    String[] item = ITEMS[random.nextInt(ITEMS.length)];
                    line.setLength(0);
                    line.append(prefix).append('B').append(b).append(',').append(prefix).append('A').append(account)
                            .append(',').append(issued).append(',').append(issued.plusDays(20)).append(',')
                            .append(currency(account)).append(',');
                    decimal(line, total).append(',').append(csv(item[0])).append(',').append(item[1]).append(',');
                    decimal(line, amounts[i]).append('\n');
                    out.append(line);
                    rows++;
                }
            }
        }
        return rows;
    }

    /** Product lines of the cycle benchmark's accounts, one per account in turn: every shipped strategy gets some. */
    private static final String[] CYCLE_LINES = {"TELECOM_POSTPAID", "TELECOM_POSTPAID", "BROADBAND", "WALLET_CREDIT",
            "WALLET_CREDIT", "B2B_INVOICE", "UTILITY", "OTHER"};

    /** Writes the accounts file of the cycle benchmark: account a belongs to customer a / 2, product lines mixed. */
    void writeCycleAccounts(Path file) throws IOException {
        try (Writer out = writer(file)) {
            out.write("externalRef,customerRef,productLine,currency,status,openedOn,creditLimit\n");
            for (int a = 0; a < accounts; a++) {
                out.write(prefix + "A" + a + "," + prefix + "C" + (a / 2) + "," + CYCLE_LINES[a % CYCLE_LINES.length]
                        + "," + currency(a) + ",ACTIVE," + FIRST_ISSUE.minusMonths(random.nextInt(36)) + ",5000.00\n");
            }
        }
    }

    /**
     * Writes the bills of the cycle benchmark: one unpaid bill per account, due 1 to 150 days before
     * {@code today} (so every account is overdue, at every rung of the ladders), and for one account in five an
     * older bill too, for the accounts in [fromAccount, toAccount). Amounts from 5.00 to 4,000.00 in two lines.
     * Returns the number of bills.
     */
    long writeOverdueBills(Path file, LocalDate today, int fromAccount, int toAccount) throws IOException {
        long bills = 0;
        try (Writer out = writer(file)) {
            out.write("externalRef,accountRef,issueDate,dueDate,currency,total,lineDescription,lineCategory,"
                    + "lineAmount\n");
            StringBuilder line = new StringBuilder(256);
            for (int a = fromAccount; a < Math.min(toAccount, accounts); a++) {
                int count = random.nextInt(5) == 0 ? 2 : 1;
                LocalDate due = today.minusDays(1 + random.nextInt(150));
                for (int k = 0; k < count; k++) {
                    LocalDate d = due.minusDays(30L * k);
                    long first = 500 + random.nextInt(200_000);
                    long second = 1 + random.nextInt(200_000);
                    String ref = prefix + "B" + a + "-" + k;
                    for (long amount : new long[]{first, second}) {
                        line.setLength(0);
                        line.append(ref).append(',').append(prefix).append('A').append(a).append(',')
                                .append(d.minusDays(20)).append(',').append(d).append(',').append(currency(a))
                                .append(',');
                        decimal(line, first + second).append(",Monthly plan,SERVICE,");
                        decimal(line, amount).append('\n');
                        out.append(line);
                    }
                    bills++;
                }
            }
        }
        return bills;
    }

    private static String currency(int account) {
        return account % 5 == 4 ? "USD" : "CNY";
    }

    private static StringBuilder decimal(StringBuilder out, long minor) {
        out.append(minor / 100).append('.');
        long cents = minor % 100;
        if (cents < 10) {
            out.append('0');
        }
        return out.append(cents);
    }

    private static String csv(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }
}
