package dev.arrears.contact.sms;

import dev.arrears.contact.sms.DeliveryReceipt.State;
import dev.arrears.contact.sms.SubmitResult.Failed;
import dev.arrears.contact.sms.SubmitResult.Failure;
import dev.arrears.contact.sms.SubmitResult.Submitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMPP sender against the simulator over real TCP: encodings, parts, throttling, errors, receipts, MO, drops. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmppSenderTest {

    private static final String TO = "+85291234567";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, DeliveryReceipt> receipts = new ConcurrentHashMap<>();
    private final BlockingQueue<InboundSms> inbound = new LinkedBlockingQueue<>();

    @BeforeAll
    static void quietJsmpp() {
        SmsTestLogging.quiet();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private SmscSimulator simulator(SmscSimulator.Settings settings) throws IOException {
        SmscSimulator simulator = SmscSimulator.start(settings, 0);
        open.add(simulator);
        return simulator;
    }

    private SmscSimulator simulator() throws IOException {
        return simulator(SmscSimulator.Settings.of("arrears", "secret").withReceiptDelay(Duration.ofMillis(20)));
    }

    private static SmppProperties properties(SmscSimulator simulator) {
        return SmppProperties.of("127.0.0.1", simulator.port(), "arrears", "secret")
                .withWindow(20)
                .withThrottling(Duration.ofMillis(5), 6)
                .withTimings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2),
                        Duration.ofSeconds(5));
    }

    private SmppSender sender(SmppProperties properties) throws InterruptedException {
        SmppSender sender = new SmppSender(properties);
        sender.onReceipt(receipt -> receipts.put(receipt.messageId(), receipt));
        sender.onInbound(inbound::add);
        open.add(sender);
        sender.start();
        assertThat(sender.awaitBound(WAIT)).as("bound").isTrue();
        return sender;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "GSM-7 with extension characters | Your balance of HK$1,234.50 is overdue [ref A-17] {€} ~^|",
            "UCS-2 Chinese                   | 您的账单已逾期，请于12月5日前付款。回复退订停止接收",
    })
    void singlePartArrivesWithItsText(String name, String text) throws Exception {
        SmscSimulator simulator = simulator();
        SmppSender sender = sender(properties(simulator));

        SubmitResult result = sender.submit("single-" + name, null, TO, text);

        assertThat(result).isInstanceOf(Submitted.class);
        assertThat(result.messageIds()).hasSize(1);
        assertThat(simulator.awaitReceived(1, WAIT)).isTrue();
        assertThat(simulator.received()).singleElement().satisfies(sms -> {
            assertThat(sms.text()).isEqualTo(text);
            assertThat(sms.destination()).isEqualTo(TO);
            assertThat(sms.source()).isEqualTo("Arrears");
            assertThat(sms.messageIds()).isEqualTo(result.messageIds());
        });
    }

    @ParameterizedTest(name = "{0} characters of {1}, packed GSM-7 {3}")
    @CsvSource({
            "400, 'Pay now. ', 3, false",
            "400, 'Pay now. ', 3, true",
            "150, '请尽快付款', 3, false",
    })
    void longMessagesArriveAsPartsAndReassemble(int length, String unit, int parts, boolean packed) throws Exception {
        SmscSimulator simulator = simulator(SmscSimulator.Settings.of("arrears", "secret").withPackedGsm7(packed));
        SmppSender sender = sender(properties(simulator).withPackedGsm7(packed));
        String text = unit.repeat(length / unit.length() + 1).substring(0, length);
        List<PartAccepted> accepted = new CopyOnWriteArrayList<>();

        SubmitResult result = sender.submit(SmsRequest.of("long-" + length, null, TO, text), accepted::add);

        assertThat(result).isInstanceOf(Submitted.class);
        assertThat(result.messageIds()).hasSize(parts).doesNotHaveDuplicates();
        assertThat(accepted).extracting(PartAccepted::sequence).containsExactly(1, 2, 3);
        assertThat(accepted).extracting(PartAccepted::messageId).isEqualTo(result.messageIds());
        assertThat(simulator.awaitReceived(1, WAIT)).isTrue();
        assertThat(simulator.accepted()).isEqualTo(parts);
        assertThat(simulator.received()).singleElement().satisfies(sms -> {
            assertThat(sms.text()).isEqualTo(text);
            assertThat(sms.messageIds()).isEqualTo(result.messageIds());
        });
    }

    @Test
    void throttledSubmitsAreRetriedAndEachMessageArrivesOnce() throws Exception {
        SmscSimulator simulator = simulator();
        simulator.throttleEvery(4);
        SmppSender sender = sender(properties(simulator));
        int messages = 120;

        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String text = "Reminder %03d: your bill is overdue".formatted(i)
                    + (i % 10 == 0 ? " " + "x".repeat(200) : ""); // every tenth goes in two parts
            futures.add(sender.submitAsync(SmsRequest.of("throttle-" + i, null, TO, text), part -> { }));
        }

        for (CompletableFuture<SubmitResult> future : futures) {
            assertThat(future.get(30, TimeUnit.SECONDS)).isInstanceOf(Submitted.class);
        }
        assertThat(simulator.awaitReceived(messages, WAIT)).isTrue();
        assertThat(simulator.throttled()).isGreaterThan(messages / 5);
        assertThat(simulator.distinctMessages()).isEqualTo(messages);
        assertThat(simulator.duplicates()).isZero();
        assertThat(simulator.duplicateParts()).isZero();
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"0x58", "0x14"})
    void throttlingThatPersistsFailsTransient(String status) throws Exception {
        SmscSimulator simulator = simulator();
        simulator.throttleNext(1_000, Integer.decode(status));
        SmppSender sender = sender(properties(simulator).withThrottling(Duration.ofMillis(2), 3));

        SubmitResult result = sender.submit("throttled-" + status, null, TO, "Please pay");

        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.failure()).isEqualTo(Failure.TRANSIENT);
            assertThat(failed.commandStatus()).isEqualTo(Integer.decode(status));
            assertThat(failed.maybeAccepted()).isFalse();
            assertThat(failed.reason()).contains("after 3 retries");
        });
        assertThat(simulator.throttled()).isEqualTo(4);
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void refusedDestinationFailsPermanent() throws Exception {
        SmscSimulator simulator = simulator();
        simulator.refuseDestination("+85290000000", CommandStatus.ESME_RINVDSTADR);
        SmppSender sender = sender(properties(simulator));

        SubmitResult refused = sender.submit("refused", null, "+85290000000", "Please pay");
        SubmitResult notE164 = sender.submit("not-e164", null, "91234567", "Please pay");

        assertThat(refused).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.failure()).isEqualTo(Failure.PERMANENT);
            assertThat(failed.commandStatus()).isEqualTo(0x0B);
            assertThat(failed.reason()).isEqualTo("ESME_RINVDSTADR (0x0B)");
        });
        assertThat(notE164).isInstanceOfSatisfying(Failed.class,
                failed -> assertThat(failed.failure()).isEqualTo(Failure.PERMANENT));
        assertThat(simulator.refused()).isEqualTo(1);
        assertThat(simulator.submits()).isEqualTo(1);
    }

    @Test
    void deliveryReceiptsComeBackMatchedToMessageIds() throws Exception {
        SmscSimulator simulator = simulator();
        simulator.deliveryOutcome("+85290000001", State.UNDELIVERABLE, "001");
        SmppSender sender = sender(properties(simulator));

        SubmitResult delivered = sender.submit("receipt-1", "10086", TO, "Your bill: HK$120.00");
        SubmitResult undeliverable = sender.submit("receipt-2", null, "+85290000001", "Your bill: HK$80.00");
        SubmitResult twoParts = sender.submit("receipt-3", null, TO, "y".repeat(200));

        List<String> ids = new ArrayList<>();
        List.of(delivered, undeliverable, twoParts).forEach(r -> ids.addAll(r.messageIds()));
        assertThat(ids).hasSize(4);
        assertThat(simulator.awaitReceipts(4, WAIT)).isTrue();
        assertThat(receipts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        DeliveryReceipt first = receipts.get(delivered.messageIds().getFirst());
        assertThat(first.state()).isEqualTo(State.DELIVERED);
        assertThat(first.stat()).isEqualTo("DELIVRD");
        assertThat(first.recipient()).isEqualTo(TO);
        assertThat(first.doneAt()).isNotNull();
        DeliveryReceipt failed = receipts.get(undeliverable.messageIds().getFirst());
        assertThat(failed.state()).isEqualTo(State.UNDELIVERABLE);
        assertThat(failed.errorCode()).isEqualTo("001");
        assertThat(twoParts.messageIds()).allSatisfy(id -> assertThat(receipts.get(id).state())
                .isEqualTo(State.DELIVERED));
    }

    @Test
    void receiptRefusedByTheListenerIsDeliveredAgain() throws Exception {
        SmscSimulator simulator = simulator();
        SmppSender sender = new SmppSender(properties(simulator));
        open.add(sender);
        List<String> seen = new CopyOnWriteArrayList<>();
        sender.onReceipt(receipt -> {
            seen.add(receipt.messageId());
            if (seen.size() == 1) {
                throw new IllegalStateException("id not stored yet");
            }
        });
        sender.start();
        assertThat(sender.awaitBound(WAIT)).isTrue();

        SubmitResult result = sender.submit("redeliver", null, TO, "Please pay");

        assertThat(simulator.awaitReceipts(1, WAIT)).isTrue();
        assertThat(seen).containsExactly(result.messageIds().getFirst(), result.messageIds().getFirst());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "+85291234567, STOP",
            "+8613800138000, 退订",
            "+8613800138000, 'I paid the bill yesterday at the branch in Central, the receipt number is "
                    + "2026-12-01-0042, please check and stop sending me reminders about the overdue amount, "
                    + "thank you very much!'",
    })
    void messageFromACustomerReachesTheListener(String from, String text) throws Exception {
        SmscSimulator simulator = simulator();
        sender(properties(simulator));

        simulator.injectMo(from, "10086", text);

        InboundSms sms = inbound.poll(10, TimeUnit.SECONDS);
        assertThat(sms).isEqualTo(new InboundSms(from, "10086", text));
    }

    @Test
    void wrongPasswordNeverBindsAndSubmitsFailTransient() throws Exception {
        SmscSimulator simulator = simulator();
        SmppSender sender = new SmppSender(SmppProperties.of("127.0.0.1", simulator.port(), "arrears", "wrong")
                .withTimings(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1),
                        Duration.ofMillis(400)));
        open.add(sender);
        sender.start();

        SubmitResult result = sender.submit("unbound", null, TO, "Please pay");

        assertThat(sender.isBound()).isFalse();
        assertThat(simulator.binds()).isZero();
        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.failure()).isEqualTo(Failure.TRANSIENT);
            assertThat(failed.maybeAccepted()).isFalse();
            assertThat(failed.reason()).startsWith("no SMPP bind within");
        });
    }

    @Test
    void resumedMessageSendsOnlyItsMissingPartsAndReassembles() throws Exception {
        SmscSimulator simulator = simulator();
        SmppSender sender = sender(properties(simulator).withThrottling(Duration.ofMillis(2), 2));
        String text = "Statement line. ".repeat(25);

        SubmitResult first = sender.submit(SmsRequest.of("resume", null, TO, text), part -> {
            if (part.sequence() == 1) {
                simulator.throttleNext(3, CommandStatus.ESME_RTHROTTLED); // part 2 stays throttled
            }
        });
        SubmitResult second = sender.submit(new SmsRequest("resume", null, TO, text, first.messageIds()),
                part -> { });

        assertThat(first).isInstanceOf(Failed.class);
        assertThat(first.messageIds()).hasSize(1);
        assertThat(second).isInstanceOf(Submitted.class);
        assertThat(second.messageIds()).hasSize(3).startsWith(first.messageIds().getFirst());
        assertThat(simulator.awaitReceived(1, WAIT)).isTrue();
        assertThat(simulator.accepted()).isEqualTo(3);
        assertThat(simulator.count(TO, text)).isEqualTo(1);
        assertThat(simulator.duplicateParts()).isZero();
    }

    @Test
    void simulatorCountsMessagesAndPartsSentTwice() throws Exception {
        SmscSimulator simulator = simulator();
        SmppSender sender = sender(properties(simulator));
        String longText = "z".repeat(200);

        for (int i = 0; i < 2; i++) {
            assertThat(sender.submit("twice-short", null, TO, "Same text")).isInstanceOf(Submitted.class);
            assertThat(sender.submit("twice-long", null, TO, longText)).isInstanceOf(Submitted.class);
        }

        assertThat(simulator.awaitReceived(4, WAIT)).isTrue();
        assertThat(simulator.count(TO, "Same text")).isEqualTo(2);
        assertThat(simulator.count(TO, longText)).isEqualTo(2);
        assertThat(simulator.duplicates()).isEqualTo(2);
        assertThat(simulator.duplicateParts()).isEqualTo(2);
        assertThat(simulator.distinctMessages()).isEqualTo(2);
    }

    @Test
    void droppedLinkRebindsAndAcknowledgedMessagesAreNotResent() throws Exception {
        SmscSimulator simulator = simulator();
        SmppProperties properties = properties(simulator).withTimings(Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        SmppSender sender = sender(properties);
        int messages = 600;
        simulator.dropConnectionsAfter(150);

        Map<Integer, SubmitResult> firstTry = submitAll(sender, messages, i -> true);
        simulator.dropConnectionsAfter(Long.MAX_VALUE / 2);
        Map<Integer, SubmitResult> retried = submitAll(sender, messages,
                i -> firstTry.get(i) instanceof Failed failed && !failed.maybeAccepted());

        assertThat(sender.binds()).isGreaterThanOrEqualTo(2);
        assertThat(simulator.binds()).isGreaterThanOrEqualTo(2);
        assertThat(retried.values()).allSatisfy(r -> assertThat(r).isInstanceOf(Submitted.class));
        assertThat(firstTry.values().stream().filter(r -> r instanceof Submitted).count())
                .as("messages acknowledged on the first try, most of them after the re-bind")
                .isGreaterThanOrEqualTo(messages - properties.window());
        long ambiguous = firstTry.values().stream()
                .filter(r -> r instanceof Failed failed && failed.maybeAccepted()).count();
        assertThat(ambiguous).as("parts in the submit-to-response window when the link dropped")
                .isLessThanOrEqualTo(properties.window());
        for (int i = 0; i < messages; i++) {
            int count = simulator.count(TO, text(i));
            SubmitResult result = firstTry.get(i);
            if (result instanceof Failed failed && failed.maybeAccepted()) {
                assertThat(count).as("message %d, response lost", i).isBetween(0, 1);
            } else {
                assertThat(count).as("message %d", i).isEqualTo(1);
            }
        }
        assertThat(simulator.duplicates()).isZero();
    }

    private static String text(int i) {
        return "Overdue notice %04d".formatted(i);
    }

    private static Map<Integer, SubmitResult> submitAll(SmppSender sender, int messages,
                                                        java.util.function.IntPredicate which) throws Exception {
        Map<Integer, CompletableFuture<SubmitResult>> futures = new java.util.TreeMap<>();
        for (int i = 0; i < messages; i++) {
            if (which.test(i)) {
                futures.put(i, sender.submitAsync(SmsRequest.of("drop-" + i, null, TO, text(i)), part -> { }));
            }
        }
        Map<Integer, SubmitResult> results = new java.util.TreeMap<>();
        for (Map.Entry<Integer, CompletableFuture<SubmitResult>> entry : futures.entrySet()) {
            results.put(entry.getKey(), entry.getValue().get(30, TimeUnit.SECONDS));
        }
        return results;
    }
}
