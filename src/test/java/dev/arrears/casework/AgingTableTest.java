package dev.arrears.casework;

import dev.arrears.ledger.Commands.ProductLine;
import dev.arrears.ledger.Views.AgingReport;
import dev.arrears.ledger.Views.AgingRow;
import dev.arrears.ledger.domain.AgingBucket;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgingTableTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);

    @Test
    void listsEveryBucketInOrderWithZerosWhereTheReportHasNoRow() {
        AgingTable table = AgingTable.of(new AgingReport(AS_OF, List.of(
                new AgingRow(AgingBucket.D31_60, ProductLine.BROADBAND, "CNY", 2, 30_000, 12_000))));

        assertThat(table.rows()).extracting(AgingTable.Row::bucket).containsExactly(AgingBucket.values());
        assertThat(table.rows().get(0).cells()).containsExactly(new AgingTable.Cell("CNY", 0, 0, 0));
        assertThat(table.rows().get(2).cells()).containsExactly(new AgingTable.Cell("CNY", 2, 30_000, 12_000));
    }

    @Test
    void ordersColumnsByProductLineThenCurrency() {
        AgingTable table = AgingTable.of(new AgingReport(AS_OF, List.of(
                new AgingRow(AgingBucket.CURRENT, ProductLine.WALLET_CREDIT, "USD", 1, 100, 0),
                new AgingRow(AgingBucket.CURRENT, ProductLine.TELECOM_POSTPAID, "USD", 1, 100, 0),
                new AgingRow(AgingBucket.CURRENT, ProductLine.TELECOM_POSTPAID, "CNY", 1, 100, 0))));

        assertThat(table.columns()).containsExactly(
                new AgingTable.Column(ProductLine.TELECOM_POSTPAID, "CNY"),
                new AgingTable.Column(ProductLine.TELECOM_POSTPAID, "USD"),
                new AgingTable.Column(ProductLine.WALLET_CREDIT, "USD"));
    }

    @Test
    void totalsEachColumnWithoutMixingCurrencies() {
        AgingTable table = AgingTable.of(new AgingReport(AS_OF, List.of(
                new AgingRow(AgingBucket.CURRENT, ProductLine.BROADBAND, "CNY", 3, 10_000, 0),
                new AgingRow(AgingBucket.D1_30, ProductLine.BROADBAND, "CNY", 2, 5_000, 2_500),
                new AgingRow(AgingBucket.D181_PLUS, ProductLine.BROADBAND, "JPY", 1, 7_000, 7_000))));

        assertThat(table.total().isTotal()).isTrue();
        assertThat(table.total().cells()).containsExactly(
                new AgingTable.Cell("CNY", 5, 15_000, 2_500),
                new AgingTable.Cell("JPY", 1, 7_000, 7_000));
    }

    @Test
    void mergesRowsRepeatedForTheSameBucketAndColumn() {
        AgingTable table = AgingTable.of(new AgingReport(AS_OF, List.of(
                new AgingRow(AgingBucket.D1_30, ProductLine.UTILITY, "CNY", 1, 100, 50),
                new AgingRow(AgingBucket.D1_30, ProductLine.UTILITY, "CNY", 2, 200, 70))));

        assertThat(table.rows().get(1).cells()).containsExactly(new AgingTable.Cell("CNY", 3, 300, 120));
    }

    @Test
    void isEmptyWithoutAccounts() {
        AgingTable table = AgingTable.of(new AgingReport(AS_OF, List.of()));

        assertThat(table.isEmpty()).isTrue();
        assertThat(table.rows()).hasSize(AgingBucket.values().length);
        assertThat(table.total().cells()).isEmpty();
    }
}
