package dev.arrears.cli;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.arrears.contact.ContactViews.DispatchReport;
import dev.arrears.contact.Dispatch;
import dev.arrears.contact.sms.SmscSimulator;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.AccountStatus;
import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.LedgerBatch;
import dev.arrears.shared.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code arrears bench dispatch --channel sms|email --messages N}: builds N overdue accounts of customers in
 * Asia/Shanghai on a fresh embedded database under {@code ./data/bench-dispatch}, each with an SMS (or e-mail) step
 * due today, and times dispatch sending them (enqueue, claim, re-check under lock, template rendering, the
 * compliance guard, the hand-over with its journal, history and planned actions) through the live channel into its
 * peer in the same JVM (the SMS centre simulator over SMPP, GreenMail over SMTP), with workers as the server runs
 * them. The run's clock is fixed at 10:00 in Shanghai today, inside the contact window. Duplicates and losses are
 * counted by the peer against the jobs: a duplicate is a message or part (for e-mail: a Message-ID) the peer
 * received more than once, a loss a job not sent or whose SMSC ids (Message-ID) the peer never got. The last line is
 * {@code dispatch channel=… messages=… seconds=… per_second=… duplicates=… lost=…}.
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
        description = "Times dispatch of N due messages through a channel's real protocol into its in-JVM peer.")
class BenchDispatchCommand implements Callable<Integer> {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Currency CNY = Currency.getInstance("CNY");
    /** Customers written per ledger load. */
    private static final int LOAD_BATCH = 5_000;

    @Option(names = "--channel", defaultValue = "sms", description = "sms or email (default ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--messages", defaultValue = "20000", description = "Messages (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--workers", defaultValue = "2", description = "Dispatch workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--window", defaultValue = "50",
            description = "SMPP submits outstanding at once (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--connections", defaultValue = "1",
            description = "SMTP connections side by side per e-mail batch (default ${DEFAULT-VALUE}).")
    int connections;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String c = channel == null ? "" : channel.strip().toLowerCase(Locale.ROOT);
        boolean email = c.equals("email");
        if (!email && !c.equals("sms")) {
            err.println("--channel: must be sms or email, not '" + channel + "'");
            return 2;
        }
        if (messages < 1 || messages > 1_000_000) {
            err.println("--messages: must be from 1 to 1000000, not " + messages);
            return 2;
        }
        if (workers < 1 || workers > 64) {
            err.println("--workers: must be from 1 to 64, not " + workers);
            return 2;
        }
        if (window < 1 || window > 1_000) {
            err.println("--window: must be from 1 to 1000, not " + window);
            return 2;
        }
        if (connections < 1 || connections > 16) {
            err.println("--connections: must be from 1 to 16, not " + connections);
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalDate today = LocalDate.now(SHANGHAI);
        Instant at = today.atTime(10, 0).atZone(SHANGHAI).toInstant();
        Map<String, Object> properties = new HashMap<>();
        properties.put("arrears.clock.fixed", at.toString());
        if (email) {
            GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication()
                            .withSieveIgnoreDetail());
            mail.start();
            try {
                properties.put("arrears.contact.email.mode", "live");
                properties.put("arrears.contact.email.from", "Arrears Billing <billing@arrears.bench>");
                properties.put("arrears.contact.email.smtp.host", "127.0.0.1");
                properties.put("arrears.contact.email.smtp.port", mail.getSmtp().getPort());
                properties.put("arrears.contact.email.smtp.connections", connections);
                properties.put("logging.level.com.icegreen", "WARN");
                return bench(properties, today, at, out, Channel.EMAIL, (context, ids, seconds, r, queued) ->
                        countMail(context, mail, ids, seconds, r, queued, out));
            } finally {
                mail.stop();
            }
        }
        try (SmscSimulator smsc = SmscSimulator.start(SmscSimulator.Settings.of("arrears", "bench"), 0)) {
            properties.put("arrears.contact.sms.mode", "live");
            properties.put("arrears.sms.smpp.host", "127.0.0.1");
            properties.put("arrears.sms.smpp.port", smsc.port());
            properties.put("arrears.sms.smpp.system-id", "arrears");
            properties.put("arrears.sms.smpp.password", "bench");
            properties.put("arrears.sms.smpp.window", window);
            properties.put("logging.level.org.jsmpp", "ERROR");
            return bench(properties, today, at, out, Channel.SMS, (context, ids, seconds, r, queued) ->
                    countSms(context, smsc, ids, seconds, r, queued, out));
        }
    }

    /** Counts what the peer received against the jobs, prints the summary lines and returns the exit code. */
    private interface Count {
        int count(ConfigurableApplicationContext context, List<Long> ids, double seconds, DispatchReport report,
                  int queued) throws InterruptedException;
    }

    private Integer bench(Map<String, Object> properties, LocalDate today, Instant at, PrintWriter out,
                          Channel ch, Count count) throws InterruptedException {
        try (ConfigurableApplicationContext context = Contexts.startForBench("./data/bench-dispatch", true,
                properties)) {
            long build = System.nanoTime();
            List<Long> ids = build(context, today, at, ch);
            out.printf(Locale.ROOT, "built %d overdue accounts with an %s due at %s in %.1f s%n", ids.size(), ch,
                    at, (System.nanoTime() - build) / 1e9);
            out.flush();
            Dispatch engine = context.getBean(Dispatch.class);
            // on the fresh embedded database every due action is the benchmark's: no scope, as the server runs
            // (a scope of N account ids travels with every claim); on ARREARS_DB_URL only the accounts built here
            String url = System.getenv("ARREARS_DB_URL");
            List<Long> scope = url == null || url.isBlank() ? null : ids;
            long started = System.nanoTime();
            int queued = engine.enqueue(scope);
            AtomicReference<DispatchReport> total = new AtomicReference<>(DispatchReport.NONE);
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String name = "bench-" + w;
                threads.add(Thread.ofPlatform().name(name).start(() -> {
                    try {
                        total.accumulateAndGet(engine.drain(scope, name), DispatchReport::plus);
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (failure.get() != null) {
                throw failure.get();
            }
            return count.count(context, ids, seconds, total.get(), queued);
        }
    }

    private int countSms(ConfigurableApplicationContext context, SmscSimulator smsc, List<Long> ids, double seconds,
                         DispatchReport r, int queued, PrintWriter out) throws InterruptedException {
        out.println(String.format(Locale.ROOT, "queued=%d sent=%d deferred=%d blocked=%d failed=%d retried=%d"
                        + " uncertain=%d; smsc submits=%d accepted=%d throttled=%d", queued, r.sent(), r.deferred(),
                r.blocked(), r.failed(), r.retried(), r.uncertain(), smsc.submits(), smsc.accepted(),
                smsc.throttled()));
        smsc.awaitReceived(messages, Duration.ofSeconds(10));
        smsc.received().stream().findFirst().ifPresent(sms -> out.println(String.format(Locale.ROOT,
                "smsc segments per message=%.2f; first message (%d characters, %d segments): %s",
                smsc.submits() / (double) Math.max(1, smsc.received().size()), sms.text().length(),
                sms.messageIds().size(), sms.text())));
        long duplicates = smsc.duplicates() + smsc.duplicateParts();
        Set<String> given = new HashSet<>();
        smsc.received().forEach(sms -> given.addAll(sms.messageIds()));
        List<String[]> sent = context.getBean(JdbcClient.class)
                .sql("select provider_ids from dispatch_job where account_id = any (?) and state = 'SENT'")
                .param(ids.toArray(Long[]::new))
                .query((rs, n) -> (String[]) rs.getArray(1).getArray()).list();
        long found = sent.stream().filter(p -> p.length > 0 && given.containsAll(List.of(p))).count();
        return last(out, "sms", seconds, duplicates, messages - found);
    }

    /**
     * Counts by Message-ID: a duplicate is a message GreenMail received more than once, a loss a job not sent or
     * whose recorded Message-ID GreenMail never received.
     */
    private int countMail(ConfigurableApplicationContext context, GreenMail mail, List<Long> ids, double seconds,
                          DispatchReport r, int queued, PrintWriter out) {
        mail.waitForIncomingEmail(10_000, messages);
        MimeMessage[] received = mail.getReceivedMessages();
        out.println(String.format(Locale.ROOT, "queued=%d sent=%d deferred=%d blocked=%d failed=%d retried=%d"
                        + " uncertain=%d; smtp received=%d", queued, r.sent(), r.deferred(), r.blocked(), r.failed(),
                r.retried(), r.uncertain(), received.length));
        Map<String, Integer> byId = new HashMap<>();
        for (MimeMessage m : received) {
            try {
                byId.merge(String.valueOf(m.getMessageID()), 1, Integer::sum);
            } catch (MessagingException e) {
                byId.merge("unreadable", 1, Integer::sum);
            }
        }
        long duplicates = byId.values().stream().mapToLong(n -> n - 1).sum();
        List<String> sent = context.getBean(JdbcClient.class)
                .sql("select message_id from dispatch_job where account_id = any (?) and state = 'SENT'")
                .param(ids.toArray(Long[]::new)).query(String.class).list();
        long found = sent.stream().filter(id -> id != null && byId.containsKey(id)).count();
        return last(out, "email", seconds, duplicates, messages - found);
    }

    private int last(PrintWriter out, String c, double seconds, long duplicates, long lost) {
        out.println(String.format(Locale.ROOT,
                "dispatch channel=%s messages=%d seconds=%.2f per_second=%.0f duplicates=%d lost=%d", c, messages,
                seconds, messages / seconds, duplicates, lost));
        out.flush();
        return duplicates == 0 && lost == 0 ? 0 : 1;
    }

    /**
     * Writes the customers, accounts and bills through the ledger, then a case and a step on the channel due today
     * each (SMS: {@code overdue_notice}; e-mail: {@code overdue_notice_bill}, HTML and text with the bill lines).
     */
    private List<Long> build(ConfigurableApplicationContext context, LocalDate today, Instant at, Channel ch) {
        Ledger ledger = context.getBean(Ledger.class);
        Cycles cycles = context.getBean(Cycles.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        LocalDate issued = today.minusDays(53);
        LocalDate due = today.minusDays(34);
        for (int from = 0; from < messages; from += LOAD_BATCH) {
            List<RegisterCustomer> customers = new ArrayList<>();
            List<OpenAccount> accounts = new ArrayList<>();
            List<IssueBill> bills = new ArrayList<>();
            for (int i = from; i < Math.min(messages, from + LOAD_BATCH); i++) {
                String name = BenchDispatchCommand.name(i);
                customers.add(new RegisterCustomer("dc" + i, name, CustomerType.PERSON, "zh-CN", SHANGHAI,
                        List.of(ch == Channel.EMAIL
                                ? new ContactPoint(ContactKind.EMAIL, mailbox(i),
                                        Set.of(Channel.EMAIL), Set.of())
                                : new ContactPoint(ContactKind.PHONE, "+86139" + (10_000_000 + i), Set.of(Channel.SMS),
                                        Set.of()))));
                accounts.add(new OpenAccount("da" + i, "dc" + i, ProductLine.TELECOM_POSTPAID, CNY,
                        AccountStatus.ACTIVE, issued.minusYears(1), null));
                long plan = 5_800 + (i % 7) * 1_000;
                long usage = 1_250 + (i % 13) * 110;
                bills.add(new IssueBill("db" + i, "da" + i, issued, due, CNY, plan + usage,
                        List.of(new BillLine("月租套餐", LineCategory.SERVICE, plan),
                                new BillLine("国内流量超出", LineCategory.USAGE, usage))));
            }
            cycles.withoutEventEvaluation(() -> ledger.load(new LedgerBatch(customers, accounts, bills, List.of(),
                    List.of())));
        }
        List<Long> ids = jdbc.sql("select id from account where external_ref like 'da%' order by id")
                .query(Long.class).list();
        Timestamp now = Timestamp.from(at);
        jdbc.sql("""
                        insert into collection_case (account_id, customer_id, status, opened_on, anchor_due, step,
                            outcome, updated_at)
                        select id, customer_id, 'OPEN', ?, ?, 0, 'ACTIVE', ? from account where id = any (?)""")
                .params(due.plusDays(1), due, now, ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        insert into planned_action (case_id, account_id, planned_on, scheduled_on, step, action,
                            channel, template, strategy_version_id, segment, variant, facts, state, created_at,
                            updated_at)
                        select id, account_id, ?, ?, 1, ?, ?, ?, 0, 'bench', 'A', '',
                               'PLANNED', ?, ? from collection_case where account_id = any (?)""")
                .params(today, today, ch.name(), ch.name(), ch == Channel.EMAIL ? "overdue_notice_bill"
                        : "overdue_notice", now, now, ids.toArray(Long[]::new)).update();
        return ids;
    }

    /**
     * Returns customer i's address: distinct per customer, {@code dc<i mod 64>+<i>@bench.example}, which GreenMail
     * (ignoring the +detail) files into 64 mailboxes, because it creates a mailbox by scanning a list of all of them,
     * a cost per new address that grows with the run and is the peer's, not dispatch's.
     */
    private static String mailbox(int i) {
        return "dc" + (i % 64) + "+" + i + "@bench.example";
    }

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳"};

    private static String name(int i) {
        return SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length];
    }
}
