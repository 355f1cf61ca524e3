package dev.arrears.contact.sms;

import dev.arrears.contact.sms.SubmitResult.Submitted;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw SMS channel throughput: single-part messages through {@link SmppSender} into the simulator on localhost,
 * receipts on. Not part of the test run; start it with
 * {@code ./mvnw -o -B -ntp test -Dtest=SmppThroughputBench -Darrears.bench=true} (optionally
 * {@code -Dbench.messages=20000 -Dbench.window=50}). Prints one line:
 * {@code sms-channel messages=<n> window=<w> seconds=<s> per_second=<r> receipts_per_second=<r> duplicates=<d>}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "arrears.bench", matches = "true")
class SmppThroughputBench {

    @Test
    void sendsSingleSegmentMessagesThroughTheSimulator() throws Exception {
        SmsTestLogging.quiet();
        int messages = Integer.getInteger("bench.messages", 20_000);
        int window = Integer.getInteger("bench.window", 50);
        boolean withReceipts = !"false".equals(System.getProperty("bench.receipts"));
        try (SmscSimulator simulator = SmscSimulator.start(SmscSimulator.Settings.of("arrears", "bench")
                .withReceiptDelay(withReceipts ? Duration.ofMillis(10) : null), 0);
             SmppSender sender = new SmppSender(SmppProperties.of("127.0.0.1", simulator.port(), "arrears", "bench")
                     .withWindow(window).withDeliveryReceipts(withReceipts))) {
            AtomicLong receipts = new AtomicLong();
            sender.onReceipt(receipt -> receipts.incrementAndGet());
            sender.start();
            assertThat(sender.awaitBound(Duration.ofSeconds(10))).isTrue();

            run(sender, "warm-up", 2_000);
            long receiptsBefore = receipts.get();
            long start = System.nanoTime();
            run(sender, "bench", messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(simulator.awaitReceipts(withReceipts ? 2_000L + messages : 0, Duration.ofSeconds(60))).isTrue();
            double receiptSeconds = (System.nanoTime() - start) / 1e9;

            assertThat(simulator.duplicates()).isZero();
            assertThat(simulator.distinctMessages()).isEqualTo(2_000 + messages);
            System.out.printf("sms-channel messages=%d window=%d seconds=%.2f per_second=%.0f "
                            + "receipts_per_second=%.0f duplicates=%d%n", messages, window, seconds,
                    messages / seconds, (receipts.get() - receiptsBefore) / receiptSeconds, simulator.duplicates());
        }
    }

    private static void run(SmppSender sender, String prefix, int messages) throws Exception {
        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            futures.add(sender.submitAsync(SmsRequest.of(prefix + "-" + i, null, "+8613800" + (100_000 + i % 900_000),
                    "Dear customer, your bill %s-%06d of HK$1,234.50 is overdue.".formatted(prefix, i)), part -> { }));
        }
        for (CompletableFuture<SubmitResult> future : futures) {
            assertThat(future.get()).isInstanceOf(Submitted.class);
        }
    }
}
