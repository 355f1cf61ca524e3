package dev.arrears.browser;

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
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Overdue accounts whose shipped strategy has planned an SMS for today, built through the real services: the
 * ledger's commands register the customer, open the account and issue a bill that fell due yesterday (the tests'
 * clock reads 2026-11-23 noon in Asia/Shanghai), and the cycle re-evaluates the account as a bill's arrival does,
 * opening its case and planning the small-balance ladder's first step (an SMS due one day after the due date).
 * The strategy's champion variant sends that SMS and its challenger a push with an SMS fallback, by the account;
 * {@link #withPlannedSms} opens accounts until one has the SMS planned.
 */
final class DunningFixture {

    static final Currency CNY = Currency.getInstance("CNY");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final LocalDate DUE = TODAY.minusDays(1);

    /** An account with its planned SMS. */
    record Dunned(long accountId, String ref, long customerId, long smsActionId) {
    }

    final String p = "BR" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Ledger ledger;
    private final Cycles cycles;
    private final JdbcClient jdbc;
    private int opened;

    DunningFixture(Ledger ledger, Cycles cycles, JdbcClient jdbc) {
        this.ledger = ledger;
        this.cycles = cycles;
        this.jdbc = jdbc;
    }

    /** Opens overdue accounts (120.50 CNY, two bill lines) until the strategy plans an SMS on one; returns it. */
    Dunned withPlannedSms(String name) {
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String ref = p + name + "-" + (++opened);
            long id = open(ref);
            Optional<Long> sms = plannedSms(id);
            if (sms.isPresent()) {
                long customer = ledger.currentStates(List.of(id)).get(id).customerId();
                return new Dunned(id, ref, customer, sms.get());
            }
            seen.append(ref).append(": ").append(jdbc.sql("select string_agg(action || '/' || coalesce(channel, '-')"
                    + " || '/' || state, ', ') from planned_action where account_id = ?").param(id)
                    .query(String.class).optional().orElse("nothing")).append("; ");
        }
        throw new IllegalStateException("no account got an SMS planned: " + seen);
    }

    /** Returns the planned action of an account's SMS due by today, still PLANNED. */
    Optional<Long> plannedSms(long accountId) {
        return jdbc.sql("""
                        select id from planned_action where account_id = ? and channel = 'SMS' and state = 'PLANNED'
                        and scheduled_on <= ? order by id limit 1""")
                .params(accountId, TODAY).query(Long.class).optional();
    }

    /** Returns the state of a planned action and its reason ("CANCELLED: case closed: CURED"). */
    String actionState(long actionId) {
        return jdbc.sql("select state || coalesce(': ' || state_reason, '') from planned_action where id = ?")
                .param(actionId).query(String.class).single();
    }

    /** Counts the sandbox messages of an account on a channel. */
    long sandbox(long accountId, Channel channel) {
        return jdbc.sql("select count(*) from sandbox_message where account_id = ? and channel = ?")
                .params(accountId, channel.name()).query(Long.class).single();
    }

    private long open(String ref) {
        ledger.registerCustomers(List.of(new RegisterCustomer(ref + "-C", "Wang Fang", CustomerType.PERSON, "en",
                ZoneId.of("Asia/Shanghai"), List.of(new ContactPoint(ContactKind.PHONE,
                "+86139" + (10_000_000 + Math.floorMod(ref.hashCode(), 89_999_999)),
                Set.of(Channel.SMS, Channel.CALL), Set.of())))));
        long id = ledger.openAccounts(List.of(new OpenAccount(ref, ref + "-C", ProductLine.TELECOM_POSTPAID, CNY,
                AccountStatus.ACTIVE, LocalDate.of(2025, 1, 1), null))).getFirst().view().id();
        ledger.issueBills(List.of(new IssueBill(ref + "-B", ref, LocalDate.of(2026, 11, 1), DUE, CNY, 12_050,
                List.of(new BillLine("Monthly plan", LineCategory.SERVICE, 8_800),
                        new BillLine("Roaming data", LineCategory.USAGE, 3_250)))));
        cycles.reevaluate(List.of(id));
        return id;
    }
}
