package dev.arrears.arrangement;

import dev.arrears.arrangement.domain.ChargeRules;
import dev.arrears.arrangement.domain.ChargeRules.Bill;
import dev.arrears.arrangement.domain.ChargeRules.Charge;
import dev.arrears.arrangement.domain.ChargeRules.Kind;
import dev.arrears.arrangement.domain.ChargeRules.Rule;
import dev.arrears.compliance.DebtorFacts;
import dev.arrears.compliance.domain.CandidateZones;
import dev.arrears.compliance.domain.Debtor;
import dev.arrears.compliance.domain.Debtor.Flag;
import dev.arrears.cycle.CycleStep;
import dev.arrears.cycle.Cycles;
import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.CurrentState;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.OpenBills;
import dev.arrears.ledger.domain.AccountHistory.AdjustmentType;
import dev.arrears.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Late fees and interest: the cycle's first step of each date charges what the rules ({@link ChargeRules}, from
 * {@code arrears.charges.file}, the shipped {@code charges/charges.yaml} by default) say the overdue bills have
 * earned, as DEBIT_NOTE adjustments on those bills (never by changing a bill) with a {@code charge} row naming the
 * kind and the rule. Charging is frozen while the customer is in a breathing space or bankrupt. A run repeated for
 * a date charges nothing twice: every adjustment has a reference made of the bill, the kind and the period. Charges
 * are waived like any amount, through the settlements' maker-checker waivers.
 */
@Service
public class Charges implements CycleStep {

    /** Accounts looked at together: one read of each kind and one ledger write per chunk. */
    private static final int CHUNK = 1_000;
    /** Flags under which no fee or interest may be added (UK Debt Respite Scheme; insolvency). */
    private static final Set<Flag> FREEZING = Set.of(Flag.BREATHING_SPACE, Flag.BANKRUPTCY);

    private static final Logger log = LoggerFactory.getLogger(Charges.class);

    /**
     * One charge as shown beside the bills.
     *
     * @param billRef    the bill it was charged on
     * @param kind       FEE or INTEREST
     * @param amount     decimal string in major units
     */
    public record ChargeView(long id, String billRef, String kind, String ruleId, LocalDate periodFrom,
                             LocalDate periodTo, String base, String amount, String currency, String adjustmentRef,
                             LocalDate chargedOn) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final DebtorFacts debtors;
    private final Cycles cycles;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ChargeRules rules;
    private final boolean enabled;

    Charges(JdbcClient jdbc, Ledger ledger, DebtorFacts debtors, Cycles cycles, TransactionTemplate transactions,
            Clock clock, @Value("${arrears.charges.enabled:true}") boolean enabled,
            @Value("${arrears.charges.file:classpath:charges/charges.yaml}") String file) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.debtors = debtors;
        this.cycles = cycles;
        this.transactions = transactions;
        this.clock = clock;
        this.enabled = enabled;
        this.rules = enabled ? load(file) : ChargeRules.none();
    }

    /** Reads the rules file; a mistake stops the start with the file and the field named. */
    static ChargeRules load(String location) {
        String where = location.startsWith("classpath:") || location.startsWith("file:") ? location
                : "file:" + location;
        try (InputStream in = new DefaultResourceLoader().getResource(where).getInputStream()) {
            return ChargeRules.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("arrears.charges.file: cannot read " + location + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(location + ": " + e.getMessage(), e);
        }
    }

    /** Returns the rules in force (none when charging is switched off). */
    public ChargeRules rules() {
        return rules;
    }

    @Override
    public void beforeCycle(LocalDate asOf) {
        int charged = chargeAll(asOf);
        if (charged > 0) {
            log.debug("charges on {}: {} late fees and interest charges", asOf, charged);
        }
    }

    /** Charges every overdue bill what it has earned by the date; returns the number of charges made. */
    public int chargeAll(LocalDate asOf) {
        if (!enabled || rules.rules().isEmpty()) {
            return 0;
        }
        int minGrace = rules.rules().stream().mapToInt(Rule::graceDays).min().orElse(0);
        // bills first late on the date or before: something of them overdue and due before the smallest grace
        List<Long> candidates = jdbc.sql("""
                        select account_id from account_state
                        where overdue_minor > 0 and oldest_overdue_due < ? order by account_id""")
                .param(Date.valueOf(asOf.minusDays(minGrace))).query(Long.class).list();
        return charge(candidates, asOf);
    }

    /** Charges the listed accounts' overdue bills what they have earned by the date; returns the charges made. */
    public int charge(List<Long> accountIds, LocalDate asOf) {
        if (!enabled || rules.rules().isEmpty()) {
            return 0;
        }
        int made = 0;
        for (int from = 0; from < accountIds.size(); from += CHUNK) {
            made += chargeChunk(accountIds.subList(from, Math.min(accountIds.size(), from + CHUNK)), asOf);
        }
        return made;
    }

    /** Charges the accounts of one chunk in one transaction: the charge rows and their ledger adjustments. */
    private int chargeChunk(List<Long> accountIds, LocalDate asOf) {
        Map<Long, CurrentState> states = ledger.currentStates(accountIds);
        Map<Long, CustomerView> customers = ledger.customers(states.values().stream()
                .map(CurrentState::customerId).distinct().toList());
        Map<Long, Debtor> flags = debtors.debtors(customers.keySet());
        Map<Long, OpenBills> open = ledger.openBills(accountIds);
        List<Long> billIds = open.values().stream().flatMap(o -> o.bills().stream()).map(BillView::id).toList();
        Map<Long, List<Charge>> made = madeOn(billIds);

        record Due(long accountId, BillView bill, Rule rule, Charge charge) {
        }
        List<Due> due = new ArrayList<>();
        for (OpenBills bills : open.values()) {
            CurrentState state = states.get(bills.accountId());
            if (state == null) {
                continue;
            }
            CustomerView customer = customers.get(state.customerId());
            String country = country(state.timeZone(), customer);
            Rule rule = rules.ruleFor(state.productLine().name(), state.currency(), country).orElse(null);
            if (rule == null) {
                continue;
            }
            Debtor debtor = flags.getOrDefault(state.customerId(), Debtor.NONE);
            boolean frozen = debtor.flags().stream().anyMatch(FREEZING::contains);
            for (BillView b : bills.bills()) {
                Bill bill = new Bill(b.id(), b.dueDate(), b.totalMinor(), b.outstandingMinor());
                for (Charge c : ChargeRules.due(rule, bill, made.getOrDefault(b.id(), List.of()), asOf, frozen)) {
                    due.add(new Due(bills.accountId(), b, rule, c));
                }
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<RecordAdjustment> adjustments = new ArrayList<>();
        for (Due d : due) {
            adjustments.add(new RecordAdjustment(reference(d.charge()), d.bill().accountRef(), d.bill().externalRef(),
                    AdjustmentType.DEBIT_NOTE, d.charge().amountMinor(), Currency.getInstance(d.bill().currency()),
                    reason(d.charge(), d.rule()), asOf, null));
        }
        // the cycle evaluates these accounts right after this step: no re-evaluation per write
        return cycles.withoutEventEvaluation(() -> transactions.execute(status -> {
            ledger.recordAdjustments(adjustments);
            int inserted = 0;
            for (Due d : due) {
                Charge c = d.charge();
                inserted += jdbc.sql("""
                                insert into charge (account_id, bill_id, kind, rule_id, period_from, period_to,
                                                    base_minor, amount_minor, currency, adjustment_ref, charged_on,
                                                    created_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                on conflict (adjustment_ref) do nothing""")
                        .params(d.accountId(), c.billId(), c.kind().name(), d.rule().id(), Date.valueOf(c.periodFrom()),
                                Date.valueOf(c.periodTo()), c.baseMinor(), c.amountMinor(), d.bill().currency(),
                                reference(c), Date.valueOf(asOf), now)
                        .update();
            }
            return inserted;
        }));
    }

    /** Returns the charges of an existing account, newest first; an unknown account is {@link NotFoundException}. */
    public List<ChargeView> ofKnownAccount(long accountId) {
        List<ChargeView> out = ofAccount(accountId);
        if (out.isEmpty() && !jdbc.sql("select exists (select 1 from account where id = ?)").param(accountId)
                .query(Boolean.class).single()) {
            throw new NotFoundException("no account with id " + accountId);
        }
        return out;
    }

    /** Returns the charges of an account, newest first (none for an unknown account). */
    public List<ChargeView> ofAccount(long accountId) {
        return jdbc.sql("""
                        select c.id, b.external_ref, c.kind, c.rule_id, c.period_from, c.period_to, c.base_minor,
                               c.amount_minor, c.currency, c.adjustment_ref, c.charged_on
                        from charge c join bill b on b.id = c.bill_id
                        where c.account_id = ? order by c.charged_on desc, c.id desc""")
                .param(accountId)
                .query((rs, n) -> {
                    Currency currency = Currency.getInstance(rs.getString("currency"));
                    return new ChargeView(rs.getLong("id"), rs.getString(2), rs.getString("kind"),
                            rs.getString("rule_id"), rs.getObject("period_from", LocalDate.class),
                            rs.getObject("period_to", LocalDate.class), major(rs.getLong("base_minor"), currency),
                            major(rs.getLong("amount_minor"), currency), currency.getCurrencyCode(),
                            rs.getString("adjustment_ref"), rs.getObject("charged_on", LocalDate.class));
                })
                .list();
    }

    private Map<Long, List<Charge>> madeOn(List<Long> billIds) {
        Map<Long, List<Charge>> out = new HashMap<>();
        if (billIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select bill_id, kind, period_from, period_to, base_minor, amount_minor from charge
                        where bill_id = any(?)""")
                .param(billIds.toArray(Long[]::new))
                .query(rs -> {
                    long bill = rs.getLong(1);
                    out.computeIfAbsent(bill, k -> new ArrayList<>()).add(new Charge(bill, Kind.valueOf(rs.getString(2)),
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getLong(5),
                            rs.getLong(6)));
                });
        return out;
    }

    /** Returns the customer's country as the compliance guard sees it: from the address zone and the phones. */
    private static String country(ZoneId zone, CustomerView customer) {
        List<String> phones = customer == null ? List.of() : customer.contactPoints().stream()
                .filter(p -> p.kind() == ContactKind.PHONE).map(ContactPoint::value).toList();
        return CandidateZones.of(zone, phones).country();
    }

    /** Returns the ledger reference of a charge: the bill, the kind and the period, so a rerun finds it. */
    static String reference(Charge c) {
        return c.kind() == Kind.FEE ? "CHG-FEE-" + c.billId() : "CHG-INT-" + c.billId() + "-" + c.periodTo();
    }

    private static String reason(Charge c, Rule rule) {
        return c.kind() == Kind.FEE ? "Late fee (rule " + rule.id() + ")"
                : "Interest " + c.periodFrom() + " to " + c.periodTo() + " on " + c.baseMinor()
                + " minor units at " + rule.dailyInterestRate().toPlainString() + " a day (rule " + rule.id() + ")";
    }

    private static String major(long minor, Currency currency) {
        return java.math.BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits())).toPlainString();
    }
}
