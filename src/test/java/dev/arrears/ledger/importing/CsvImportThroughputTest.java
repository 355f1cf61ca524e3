package dev.arrears.ledger.importing;

import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.OpenAccount;
import dev.arrears.ledger.Commands.PostPayment;
import dev.arrears.ledger.Commands.RecordAdjustment;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.persistence.BulkWriter;
import dev.arrears.ledger.persistence.RecordOutcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parse-only throughput of the bills import: the real reader, mapping and validation with a writer that accepts
 * everything at once, so the figure is what the parsing side can feed the database. Prints bills per second;
 * fails only far below that (other builds may share the machine), at 20,000 bills/s.
 */
class CsvImportThroughputTest {

    private static final int BILLS = 100_000;

    @Test
    void parsesBillsFarFasterThanTheImportTarget() {
        byte[] file = bills(BILLS, new Random(1));
        long[] written = new long[1];
        CsvImport csv = new CsvImport(new CsvImport.BulkTransactions() {
            @Override
            public <T> T bulk(Function<BulkWriter, T> work) {
                return work.apply(new AcceptingWriter(written));
            }
        });
        csv.importFile(ImportKind.BILLS, new ByteArrayInputStream(file), false); // warm-up

        long started = System.nanoTime();
        ImportResult result = csv.importFile(ImportKind.BILLS, new ByteArrayInputStream(file), false);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(result.errors()).isEmpty();
        assertThat(result.created()).isEqualTo(BILLS);
        System.out.printf(Locale.ROOT, "csv parse-only: %d bills (%d rows, %.1f MB) in %.2f s = %d bills/s%n",
                BILLS, result.lines(), file.length / 1e6, seconds, Math.round(BILLS / seconds));
        assertThat(BILLS / seconds).isGreaterThan(20_000);
    }

    static byte[] bills(int count, Random random) {
        StringBuilder text = new StringBuilder(count * 300);
        text.append("externalRef,accountRef,issueDate,dueDate,currency,total,lineDescription,lineCategory,lineAmount\n");
        String[] items = {"月租费 Monthly plan", "\"Data usage, 4G\"", "Late fee", "增值业务"};
        String[] categories = {"SERVICE", "USAGE", "FEE", "TAX"};
        long[] amounts = new long[4];
        for (int b = 0; b < count; b++) {
            int n = 2 + random.nextInt(3);
            long total = 0;
            for (int i = 0; i < n; i++) {
                amounts[i] = 1 + random.nextInt(50_000);
                total += amounts[i];
            }
            String bill = "B" + b + ",A" + random.nextInt(200_000) + ",2026-03-01,2026-03-21,CNY,"
                    + decimal(total) + ",";
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(items.length);
                text.append(bill).append(items[k]).append(',').append(categories[k]).append(',')
                        .append(decimal(amounts[i])).append('\n');
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String decimal(long minor) {
        return minor / 100 + "." + (minor % 100 < 10 ? "0" : "") + minor % 100;
    }

    /** Accepts every record as created without storing it. */
    private record AcceptingWriter(long[] written) implements BulkWriter {
        private List<RecordOutcome> accept(List<?> chunk) {
            written[0] += chunk.size();
            List<RecordOutcome> outcomes = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                outcomes.add(RecordOutcome.created(i + 1));
            }
            return outcomes;
        }

        @Override
        public List<RecordOutcome> customers(List<RegisterCustomer> chunk) {
            return accept(chunk);
        }

        @Override
        public List<RecordOutcome> accounts(List<OpenAccount> chunk) {
            return accept(chunk);
        }

        @Override
        public List<RecordOutcome> bills(List<IssueBill> chunk) {
            return accept(chunk);
        }

        @Override
        public List<RecordOutcome> payments(List<PostPayment> chunk) {
            return accept(chunk);
        }

        @Override
        public List<RecordOutcome> adjustments(List<RecordAdjustment> chunk) {
            return accept(chunk);
        }
    }
}
