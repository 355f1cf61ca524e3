package dev.arrears.ledger.web;

import dev.arrears.ledger.Commands.BillLine;
import dev.arrears.ledger.Commands.LineCategory;
import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.domain.AgingBucket;
import dev.arrears.ledger.web.LedgerJson.AgingJson;
import dev.arrears.ledger.web.LedgerJson.AgingRowJson;
import dev.arrears.ledger.web.LedgerJson.AgingTotalJson;
import dev.arrears.ledger.web.LedgerJson.BillJson;
import dev.arrears.ledger.web.LedgerJson.LineJson;
import dev.arrears.ledger.web.LedgerJson.PaymentJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerJsonTest {

    @Test
    void writesBillAmountsAsDecimalStringsInMajorUnits() {
        BillView bill = new BillView(7, "B-7", 3, "A-3", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), "CNY",
                1234, 5, List.of(new BillLine("Plan", LineCategory.SERVICE, 1000),
                new BillLine("Discount", LineCategory.OTHER, -66), new BillLine("Tax", LineCategory.TAX, 300)));

        BillJson json = LedgerJson.bill(bill);

        assertThat(json.total()).isEqualTo("12.34");
        assertThat(json.outstanding()).isEqualTo("0.05");
        assertThat(json.dueDate()).isEqualTo("2026-03-31");
        assertThat(json.lines()).containsExactly(new LineJson("Plan", "SERVICE", "10.00"),
                new LineJson("Discount", "OTHER", "-0.66"), new LineJson("Tax", "TAX", "3.00"));
    }

    @Test
    void writesAmountsWithTheCurrencyScale() {
        PaymentView yen = new PaymentView(1, "P-1", 2, "A-2", 1500, "JPY",
                Instant.parse("2026-03-31T01:30:00Z"), PaymentMethod.CARD, null, null, null);
        PaymentView dinar = new PaymentView(1, "P-1", 2, "A-2", 1500, "KWD",
                Instant.parse("2026-03-31T01:30:00Z"), PaymentMethod.CARD, "B-1",
                Instant.parse("2026-04-02T00:00:00Z"), ReversalReason.CHARGEBACK);

        assertThat(LedgerJson.payment(yen).amount()).isEqualTo("1500");
        PaymentJson json = LedgerJson.payment(dinar);
        assertThat(json.amount()).isEqualTo("1.500");
        assertThat(json.receivedAt()).isEqualTo("2026-03-31T01:30:00Z");
        assertThat(json.reversedAt()).isEqualTo("2026-04-02T00:00:00Z");
        assertThat(json.reversalReason()).isEqualTo("CHARGEBACK");
    }

    @Test
    void serializesBillWithIdAndExternalRefAndStringAmounts() {
        BillView bill = new BillView(7, "B-7", 3, "A-3", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), "CNY",
                1234, 1234, List.of(new BillLine("Plan", LineCategory.SERVICE, 1234)));

        JsonNode node = JsonMapper.builder().build().valueToTree(LedgerJson.bill(bill));

        assertThat(node.get("id").asLong()).isEqualTo(7);
        assertThat(node.get("externalRef").asString()).isEqualTo("B-7");
        assertThat(node.get("total").isString()).isTrue();
        assertThat(node.get("total").asString()).isEqualTo("12.34");
        assertThat(node.get("currency").asString()).isEqualTo("CNY");
        assertThat(node.get("lines").get(0).get("amount").asString()).isEqualTo("12.34");
    }

    @Test
    void sumsAgingTotalsPerCurrencyAndOrdersRowsByBucket() {
        AgingReport report = new AgingReport(null, List.of(
                new AgingRow(AgingBucket.D31_60, ProductLine.TELECOM_POSTPAID, "CNY", 2, 50000, 30000),
                new AgingRow(AgingBucket.CURRENT, ProductLine.WALLET_CREDIT, "USD", 1, 999, 0),
                new AgingRow(AgingBucket.D1_30, ProductLine.TELECOM_POSTPAID, "CNY", 10, 123400, 100000)));

        AgingJson json = LedgerJson.aging(report);

        assertThat(json.asOf()).isNull();
        assertThat(json.rows()).extracting(AgingRowJson::bucket).containsExactly("CURRENT", "1-30", "31-60");
        assertThat(json.rows().get(1)).isEqualTo(
                new AgingRowJson("1-30", "TELECOM_POSTPAID", "CNY", 10, "1234.00", "1000.00"));
        assertThat(json.totals()).containsExactly(
                new AgingTotalJson("CNY", 12, "1734.00", "1300.00"),
                new AgingTotalJson("USD", 1, "9.99", "0.00"));
    }

    @Test
    void keepsAgingDateWhenGiven() {
        AgingJson json = LedgerJson.aging(new AgingReport(LocalDate.of(2026, 6, 30), List.of()));

        assertThat(json.asOf()).isEqualTo("2026-06-30");
        assertThat(json.rows()).isEmpty();
        assertThat(json.totals()).isEmpty();
    }
}
