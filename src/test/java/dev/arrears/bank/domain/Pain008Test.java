package dev.arrears.bank.domain;

import dev.arrears.bank.domain.Pain008.Batch;
import dev.arrears.bank.domain.Pain008.Collection;
import dev.arrears.bank.domain.Pain008.Creditor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pain.008 writer against the ISO 20022 schema itself. */
class Pain008Test {

    private static final Creditor CREDITOR = new Creditor("Arrears Demo Services", "DE89370400440532013000",
            "COBADEFFXXX", "DE98ZZZ09999999999");
    private static final LocalDate ON = LocalDate.of(2026, 12, 5);

    private static Collection collection(String id, long minor, String currency, String sequence, String iban,
                                         String bic, String agreement) {
        return new Collection(id, minor, Currency.getInstance(currency), sequence, "CORE", "MANDATE-" + id,
                LocalDate.of(2026, 1, 15), "Müller & Söhne <GmbH>", iban, bic, agreement, "Bill INV-" + id);
    }

    @Test
    void aMixedBatchIsValidAgainstTheSchema_withBlocksPerCurrencyAndSequence_andExactSums() {
        Batch batch = new Batch("ARR-DD-20261205-1", Instant.parse("2026-12-02T10:15:30.123Z"), ON, CREDITOR, List.of(
                collection("E1", 12345, "EUR", "FRST", "GB82WEST12345698765432", "NWBKGB2L", null),
                collection("E2", 100, "EUR", "RCUR", "DE89370400440532013000", null, null),
                collection("E3", 9900, "EUR", "RCUR", "FR1420041010050500013M02606", null, null),
                collection("E4", 1500, "JPY", "RCUR", null, null, "ALIPAY-AGREEMENT-778899"),
                collection("E5", 88800, "CNY", "FRST", null, null, "WX-PAY-1")));
        String xml = Pain008.write(batch);

        assertThat(Pain008.validate(xml)).isEmpty();
        assertThat(xml).contains("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.008.001.08\">")
                .contains("<NbOfTxs>5</NbOfTxs>")
                .contains("<CreDtTm>2026-12-02T10:15:30Z</CreDtTm>")
                .contains("<InstdAmt Ccy=\"EUR\">123.45</InstdAmt>")
                .contains("<InstdAmt Ccy=\"EUR\">1.00</InstdAmt>")
                .contains("<InstdAmt Ccy=\"JPY\">1500</InstdAmt>")
                .contains("<Nm>Müller &amp; Söhne &lt;GmbH&gt;</Nm>")
                .contains("<Id>NOTPROVIDED</Id>")
                .contains("<Id>ALIPAY-AGREEMENT-778899</Id>");
        // blocks: EUR FRST, EUR RCUR (2 transactions, 100.00), JPY RCUR, CNY FRST
        assertThat(xml.split("<PmtInf>", -1)).hasSize(5);
        assertThat(xml).contains("<PmtInfId>ARR-DD-20261205-1-2</PmtInfId>")
                .contains("<NbOfTxs>2</NbOfTxs>\n      <CtrlSum>100.00</CtrlSum>");
        // SEPA service level only for euro blocks
        assertThat(xml.split("<Cd>SEPA</Cd>", -1)).hasSize(3);
    }

    @Test
    void theSchemaCatchesWhatIsWrong_withLineAndColumn() {
        String xml = Pain008.write(new Batch("M1", Instant.EPOCH, ON, CREDITOR,
                List.of(collection("E1", 100, "EUR", "RCUR", "DE89370400440532013000", null, null))));
        List<Pain008.Problem> problems = Pain008.validate(xml.replace("<PmtMtd>DD</PmtMtd>", "<PmtMtd>TRF</PmtMtd>"));
        assertThat(problems).isNotEmpty();
        assertThat(problems.getFirst().line()).isGreaterThan(1);
        assertThat(problems.getFirst().detail()).contains("TRF");

        assertThat(Pain008.validate(xml.replace("</Document>", ""))).isNotEmpty();
        assertThat(Pain008.validate("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .isNotEmpty();
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> Pain008.write(new Batch("M", Instant.EPOCH, ON, CREDITOR, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
