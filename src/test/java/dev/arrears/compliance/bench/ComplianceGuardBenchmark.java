package dev.arrears.compliance.bench;

import dev.arrears.compliance.JurisdictionProfiles;
import dev.arrears.compliance.domain.Attempt;
import dev.arrears.compliance.domain.Attempt.Direction;
import dev.arrears.compliance.domain.Attempt.Outcome;
import dev.arrears.compliance.domain.ContactRequest;
import dev.arrears.compliance.domain.ContactRequest.Address;
import dev.arrears.compliance.domain.ContactRequest.AddressKind;
import dev.arrears.compliance.domain.ContactRequest.Message;
import dev.arrears.compliance.domain.Debtor;
import dev.arrears.compliance.domain.Debtor.OptOut;
import dev.arrears.compliance.domain.Guard;
import dev.arrears.compliance.domain.Verdict;
import dev.arrears.shared.Channel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JMH: one verdict on a call with 20 history entries (calls with varied outcomes and debts over the last 30 days,
 * a few e-mails and SMS) under a shipped profile, over a rotating set of 256 requests that differ in their
 * instants and histories. {@code ALLOW} asks at midday, so every rule runs once; {@code DEFER} asks before 08:00,
 * so the guard also searches the next opening and re-evaluates there. Run with
 * {@code scripts/jmh ComplianceGuard -f 1 -wi 3 -w 2 -i 3 -r 2} (see docs/compliance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ComplianceGuardBenchmark {

    private static final Outcome[] OUTCOMES = Outcome.values();

    @Param({"US-REGF", "CN-NIFA"})
    public String profile;

    @Param({"ALLOW", "DEFER"})
    public String verdict;

    private Guard guard;
    private ContactRequest[] requests;
    private int next;

    @Setup
    public void setUp() {
        guard = JurisdictionProfiles.load(null).require(profile);
        boolean us = profile.startsWith("US");
        ZoneId zone = ZoneId.of(us ? "America/New_York" : "Asia/Shanghai");
        String number = us ? "+12125550100" : "+8613800138000";
        Random random = new Random(11);
        requests = new ContactRequest[256];
        for (int i = 0; i < requests.length; i++) {
            // Monday 2026-04-13 at 14:00 local (ALLOW) or 06:30 local (DEFER), a few minutes apart per request.
            Instant at = java.time.LocalDate.of(2026, 4, 13)
                    .atTime("ALLOW".equals(verdict) ? 14 : 6, "ALLOW".equals(verdict) ? 0 : 30)
                    .atZone(zone).toInstant().plusSeconds(random.nextInt(1800));
            List<Attempt> history = new ArrayList<>(20);
            for (int h = 0; h < 20; h++) {
                Instant when = at.minus(Duration.ofMinutes(90 + random.nextInt(30 * 24 * 60)));
                if (h % 5 == 4) {
                    history.add(new Attempt(h % 2 == 0 ? Channel.SMS : Channel.EMAIL, Direction.OUTBOUND, when, null,
                            List.of("A"), null));
                } else {
                    // Conversations only about debt B, so that calls about A stay allowed.
                    Outcome outcome = OUTCOMES[random.nextInt(OUTCOMES.length - 1)];
                    history.add(new Attempt(Channel.CALL, random.nextInt(6) == 0 ? Direction.INBOUND : Direction.OUTBOUND,
                            when, random.nextInt(8) == 0 ? Outcome.CONVERSATION : outcome,
                            random.nextInt(8) == 0 ? List.of("B") : List.of("A"), number));
                }
            }
            history.removeIf(a -> a.outcome() == Outcome.CONVERSATION && a.debtIds().contains("A"));
            while (history.size() < 20) {
                history.add(new Attempt(Channel.SMS, Direction.OUTBOUND, at.minus(Duration.ofDays(3)), null,
                        List.of("A"), number));
            }
            Debtor debtor = new Debtor(List.of(zone), Set.of(), Set.of("C"),
                    List.of(new OptOut(Channel.EMAIL, "old@mail.com")), Set.of(Channel.SMS), List.of(), List.of(),
                    null);
            requests[i] = new ContactRequest(profile, Channel.CALL, at, null, "A", null,
                    new Address(AddressKind.PERSONAL, number), new Message(true), false, null, debtor, history);
        }
        for (ContactRequest request : requests) {
            Verdict sample = guard.evaluate(request);
            if (!sample.decision().name().equals(verdict)) {
                throw new IllegalStateException("expected " + verdict + ", got " + sample);
            }
        }
    }

    @Benchmark
    public Verdict evaluateOneCall() {
        return guard.evaluate(requests[next++ & 255]);
    }
}
