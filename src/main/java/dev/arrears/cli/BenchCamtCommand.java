package dev.arrears.cli;

import dev.arrears.bank.BankReconciliation;
import dev.arrears.bank.BankViews.ImportOutcome;
import dev.arrears.bank.BankViews.ImportView;
import dev.arrears.bank.domain.CamtKind;
import dev.arrears.bank.domain.CreditorReference;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.ledger.LoadReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code arrears bench camt --entries N}: loads customers, accounts and one open bill per account into a fresh
 * database (not timed), writes a camt.053.001.08 statement of N entries, and times its reconciliation through the
 * real import path (parse, look-ups, matching, posting, queueing, recording). Of every 20 entries 12 name a bill in
 * the structured reference, 2 an account as an ISO 11649 RF reference, 3 an account in the remittance text, 2 carry
 * only the debtor's name and the bill's amount, and 1 nothing Arrears knows; one in 100 is a debit. The last line is
 * {@code camt entries=… seconds=… per_second=… matched=… unmatched=…}.
 */
@Command(name = "camt", mixinStandardHelpOptions = true,
        description = "Times the reconciliation of a generated camt.053 statement.")
class BenchCamtCommand implements Callable<Integer> {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红燕鹏辉建国志文斌海波宁";
    private static final String IBAN = "CN12BENCH0000000000000001";

    @Option(names = "--entries", defaultValue = "100000", description = "Statement entries (default ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--accounts", defaultValue = "0",
            description = "Accounts the entries pay (default: half the entries).")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        int n = Math.max(1, entries);
        int accountCount = accounts > 0 ? accounts : Math.max(2, n / 2);
        String prefix = "B" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        Path dir = Files.createTempDirectory("arrears-bench-camt-");
        Path file = dir.resolve("camt053-bench.xml");
        try (ConfigurableApplicationContext context = Contexts.startForBench()) {
            Ledger ledger = context.getBean(Ledger.class);
            LocalDate today = LocalDate.now(ledger.clock().withZone(ZoneOffset.UTC));
            Portfolio portfolio = new Portfolio(prefix, accountCount, seed, today);
            long loading = System.nanoTime();
            LoadReport loaded = ledger.load(portfolio.batch());
            System.out.printf(Locale.ROOT, "loaded %d customers, %d accounts, %d bills in %.1f s%n",
                    loaded.customersCreated(), loaded.accountsCreated(), loaded.billsCreated(), seconds(loading));
            long writing = System.nanoTime();
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                portfolio.writeStatement(out, n, today.minusDays(1));
            }
            System.out.printf(Locale.ROOT, "wrote %s (%d entries, %.1f MB) in %.1f s%n", file, n,
                    Files.size(file) / 1e6, seconds(writing));

            BankReconciliation bank = context.getBean(BankReconciliation.class);
            long started = System.nanoTime();
            ImportOutcome outcome;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                outcome = bank.importFile(CamtKind.CAMT053, file.getFileName().toString(), in, "bench");
            }
            double elapsed = seconds(started);
            ImportView v = outcome.imported();
            System.out.println(ImportCommand.camtSummary(CamtKind.CAMT053, outcome));
            System.out.println(String.format(Locale.ROOT, "camt entries=%d seconds=%.2f per_second=%d matched=%d"
                    + " unmatched=%d", v.entries(), elapsed, Math.round(v.entries() / elapsed), v.posted(),
                    v.unmatched()));
            return 0;
        } finally {
            BenchImportCommand.deleteTree(dir);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The benchmark's customers (one account each, one open bill each) and its statement, from a seed. */
    static final class Portfolio {
        final String prefix;
        final int accounts;
        final LocalDate today;
        final long[] billMinor;

        Portfolio(String prefix, int accounts, long seed, LocalDate today) {
            this.prefix = prefix;
            this.accounts = accounts;
            this.today = today;
            Random random = new Random(seed);
            billMinor = new long[accounts];
            for (int a = 0; a < accounts; a++) {
                billMinor[a] = 5_000 + random.nextInt(45_000); // 50.00 to 500.00 CNY
            }
        }

        String customerRef(int a) {
            return prefix + "C" + a;
        }

        String accountRef(int a) {
            return prefix + "A" + a;
        }

        String billRef(int a) {
            return prefix + "-BILL-" + a;
        }

        /** Returns a name unique below 1,280,000 customers: a surname and three given-name characters. */
        static String name(int a) {
            int g = GIVEN.length();
            return SURNAMES[a % SURNAMES.length] + GIVEN.charAt((a / 20) % g) + GIVEN.charAt((a / (20 * g)) % g)
                    + GIVEN.charAt((a / (20 * g * g)) % g);
        }

        LedgerBatch batch() {
            List<RegisterCustomer> customers = new ArrayList<>(accounts);
            List<OpenAccount> opened = new ArrayList<>(accounts);
            List<IssueBill> bills = new ArrayList<>(accounts);
            Currency cny = Currency.getInstance("CNY");
            for (int a = 0; a < accounts; a++) {
                customers.add(new RegisterCustomer(customerRef(a), name(a), CustomerType.PERSON, "zh-CN",
                        ZoneId.of("Asia/Shanghai"), List.of()));
                opened.add(new OpenAccount(accountRef(a), customerRef(a), ProductLine.TELECOM_POSTPAID, cny,
                        AccountStatus.ACTIVE, today.minusYears(1), null));
                bills.add(new IssueBill(billRef(a), accountRef(a), today.minusDays(40), today.minusDays(10), cny,
                        billMinor[a], List.of(new BillLine("月租费 Monthly plan", LineCategory.SERVICE, billMinor[a]))));
            }
            return new LedgerBatch(customers, opened, bills, List.of(), List.of());
        }

        /** Writes a camt.053.001.08 statement of {@code n} entries booked on {@code booked}. */
        void writeStatement(Writer out, int n, LocalDate booked) throws IOException {
            out.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                      <BkToCstmrStmt>
                        <GrpHdr><MsgId>%s-STMT</MsgId><CreDtTm>%sT18:00:00+08:00</CreDtTm></GrpHdr>
                        <Stmt>
                          <Id>%s-1</Id>
                          <ElctrncSeqNb>1</ElctrncSeqNb>
                          <CreDtTm>%sT18:00:00+08:00</CreDtTm>
                          <Acct><Id><IBAN>%s</IBAN></Id><Ccy>CNY</Ccy></Acct>
                    """.formatted(prefix, booked, prefix, booked, IBAN));
            StringBuilder entry = new StringBuilder(1024);
            for (int i = 0; i < n; i++) {
                int a = (int) ((i * 7_919L) % accounts);
                entry.setLength(0);
                boolean debit = i % 100 == 99;
                String amount = amount(billMinor[a]);
                entry.append("      <Ntry>\n        <NtryRef>").append(i + 1).append("</NtryRef>\n")
                        .append("        <Amt Ccy=\"CNY\">").append(amount).append("</Amt>\n")
                        .append("        <CdtDbtInd>").append(debit ? "DBIT" : "CRDT").append("</CdtDbtInd>\n")
                        .append("        <Sts><Cd>BOOK</Cd></Sts>\n")
                        .append("        <BookgDt><Dt>").append(booked).append("</Dt></BookgDt>\n")
                        .append("        <ValDt><Dt>").append(booked).append("</Dt></ValDt>\n")
                        .append("        <AcctSvcrRef>").append(prefix).append("-SVC-").append(i + 1)
                        .append("</AcctSvcrRef>\n")
                        .append("        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd>"
                                + "</Fmly></Domn></BkTxCd>\n")
                        .append("        <NtryDtls><TxDtls>\n")
                        .append("          <Refs><EndToEndId>E2E-").append(prefix).append('-').append(i + 1)
                        .append("</EndToEndId></Refs>\n")
                        .append("          <Amt Ccy=\"CNY\">").append(amount).append("</Amt>\n")
                        .append("          <CdtDbtInd>").append(debit ? "DBIT" : "CRDT").append("</CdtDbtInd>\n");
                int kind = i % 20;
                String debtor = kind == 19 ? "Unknown Payer " + i : name(a);
                entry.append("          <RltdPties><Dbtr><Pty><Nm>").append(debtor)
                        .append("</Nm></Pty></Dbtr></RltdPties>\n");
                if (kind < 12) {
                    entry.append("          <RmtInf><Strd><CdtrRefInf><Ref>").append(billRef(a))
                            .append("</Ref></CdtrRefInf></Strd></RmtInf>\n");
                } else if (kind < 14) {
                    entry.append("          <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
                                    + "<Ref>").append(CreditorReference.of(accountRef(a)))
                            .append("</Ref></CdtrRefInf></Strd></RmtInf>\n");
                } else if (kind < 17) {
                    entry.append("          <RmtInf><Ustrd>话费 phone bill, account ").append(accountRef(a))
                            .append(", thank you</Ustrd></RmtInf>\n");
                } else if (kind == 19) {
                    entry.append("          <RmtInf><Ustrd>invoice 2026-").append(i).append("</Ustrd></RmtInf>\n");
                }
                entry.append("        </TxDtls></NtryDtls>\n      </Ntry>\n");
                out.append(entry);
            }
            out.write("""
                        </Stmt>
                      </BkToCstmrStmt>
                    </Document>
                    """);
        }

        private static String amount(long minor) {
            return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
        }
    }
}
