package dev.arrears.bank.domain;

import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CamtParserTest {

    private static final Path EXAMPLES = Path.of("docs/examples");
    private final CamtParser parser = new CamtParser();

    private CamtFile parse(CamtKind kind, String xml) {
        return parser.parse(kind, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private List<FieldError> errors(CamtKind kind, String xml) {
        return catchThrowableOfType(InvalidInputException.class, () -> parse(kind, xml)).errors();
    }

    /** Returns a one-entry document of the kind and version, with {@code entry} as the Ntry's inside. */
    static String document(CamtKind kind, int version, String entry) {
        String status = version >= 8 ? "<Sts><Cd>BOOK</Cd></Sts>" : "<Sts>BOOK</Sts>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="%s">
                  <%s>
                    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-11-20T10:00:00</CreDtTm></GrpHdr>
                    <%s>
                      <Id>R1</Id>
                      <Acct><Id><IBAN>DE89 3704 0044 0532 0130 00</IBAN></Id></Acct>
                      <Ntry>
                        <Amt Ccy="EUR">12.30</Amt><CdtDbtInd>CRDT</CdtDbtInd>%s
                        <BookgDt><Dt>2026-11-20</Dt></BookgDt>
                        %s
                      </Ntry>
                    </%s>
                  </%s>
                </Document>
                """.formatted(kind.namespace(version), kind.messageElement(), kind.reportElement(), status, entry,
                kind.reportElement(), kind.messageElement());
    }

    @Test
    void statementExample_readsEveryKindOfEntry() throws IOException {
        CamtFile file;
        try (InputStream in = Files.newInputStream(EXAMPLES.resolve("camt053-statement.xml"))) {
            file = parser.parse(CamtKind.CAMT053, in);
        }

        assertThat(file.schema()).isEqualTo("camt.053.001.08");
        assertThat(file.messageId()).isEqualTo("STMT-20261120-0001");
        assertThat(file.entries()).isEqualTo(8);
        assertThat(file.notBooked()).isEqualTo(1);
        assertThat(file.debitsIgnored()).isEqualTo(1);
        assertThat(file.returns()).isEmpty();
        assertThat(file.credits()).extracting(BankCredit::servicerRef).containsExactly("2026112000001",
                "2026112000002", "2026112000003", "2026112000004-1", "2026112000004-2", "2026112000005",
                "2026112000006");
        BankCredit first = file.credits().getFirst();
        assertThat(first.dedupKey()).isEqualTo("6222020200112345678|2026112000001");
        assertThat(first.amountMinor()).isEqualTo(16_850);
        assertThat(first.currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(first.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(first.bookedAt()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(first.debtorName()).isEqualTo("王伟");
        assertThat(first.structuredRefs()).containsExactly("INV-202611-0001");
        assertThat(first.endToEndId()).isEqualTo("E2E-20261120-0001");
        BankCredit text = file.credits().get(2);
        assertThat(text.remittance()).isEqualTo("话费 ACC10003 十一月 thanks");
        assertThat(text.endToEndId()).as("NOTPROVIDED is no id").isNull();
        assertThat(file.credits().get(3).amountMinor()).isEqualTo(10_000);
        assertThat(file.credits().get(4).amountMinor()).isEqualTo(15_000);
        assertThat(file.credits().get(4).txNumber()).isEqualTo(2);
    }

    @Test
    void notificationExample_sharesDedupKeysWithTheStatement() throws IOException {
        CamtFile statement;
        CamtFile notification;
        try (InputStream a = Files.newInputStream(EXAMPLES.resolve("camt053-statement.xml"));
             InputStream b = Files.newInputStream(EXAMPLES.resolve("camt054-notification.xml"))) {
            statement = parser.parse(CamtKind.CAMT053, a);
            notification = parser.parse(CamtKind.CAMT054, b);
        }

        assertThat(notification.schema()).isEqualTo("camt.054.001.02");
        assertThat(notification.credits()).hasSize(3);
        assertThat(notification.credits().getFirst().debtorName()).isEqualTo("王伟");
        assertThat(notification.credits().getFirst().amountMinor()).isEqualTo(16_850);
        assertThat(statement.credits().stream().map(BankCredit::dedupKey))
                .contains(notification.credits().get(0).dedupKey(), notification.credits().get(1).dedupKey())
                .doesNotContain(notification.credits().get(2).dedupKey());
    }

    @ParameterizedTest
    @CsvSource({"CAMT053, 2", "CAMT053, 3", "CAMT053, 4", "CAMT053, 5", "CAMT053, 6", "CAMT053, 7", "CAMT053, 8",
            "CAMT054, 2", "CAMT054, 3", "CAMT054, 4", "CAMT054, 5", "CAMT054, 6", "CAMT054, 7", "CAMT054, 8"})
    void everySupportedVersion_isRead(CamtKind kind, int version) {
        CamtFile file = parse(kind, document(kind, version, "<AcctSvcrRef>S-1</AcctSvcrRef>"));

        assertThat(file.version()).isEqualTo(version);
        assertThat(file.credits()).singleElement().satisfies(c -> {
            assertThat(c.amountMinor()).isEqualTo(1_230);
            assertThat(c.dedupKey()).isEqualTo("DE89370400440532013000|S-1");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "urn:iso:std:iso:20022:tech:xsd:camt.053.001.01|expected a camt.053 document",
            "urn:iso:std:iso:20022:tech:xsd:camt.053.001.09|expected a camt.053 document",
            "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03|found Document in namespace urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
            "urn:iso:std:iso:20022:tech:xsd:camt.054.001.04|this is a camt.054 file, import it as camt054"})
    void otherNamespace_isRejectedWithLineAndColumn(String namespace, String message) {
        String xml = document(CamtKind.CAMT053, 2, "").replace(CamtKind.CAMT053.namespace(2), namespace);

        List<FieldError> errors = errors(CamtKind.CAMT053, xml);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isNotNull();
            assertThat(e.detail()).contains(message);
        });
    }

    @Test
    void otherRootElement_isRejected() {
        List<FieldError> errors = errors(CamtKind.CAMT053,
                "<?xml version=\"1.0\"?>\n<Stmt xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>");

        assertThat(errors.getFirst().detail()).contains("expected a camt.053 document").contains("found Stmt");
    }

    @Test
    void wrongMessageElement_isRejected() {
        String xml = document(CamtKind.CAMT053, 4, "").replace("BkToCstmrStmt", "BkToCstmrAcctRpt");

        assertThat(errors(CamtKind.CAMT053, xml).getFirst().detail())
                .contains("expected BkToCstmrStmt under Document").contains("found BkToCstmrAcctRpt");
    }

    @Test
    void malformedXml_givesLineAndColumn() {
        String xml = document(CamtKind.CAMT053, 2, "").replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>CRDT");

        List<FieldError> errors = errors(CamtKind.CAMT053, xml);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(9);
            assertThat(Integer.parseInt(e.column())).isPositive();
            assertThat(e.detail()).startsWith("malformed XML: ").doesNotContain("ParseError");
        });
    }

    @Test
    void emptyOrTruncatedFile_isRejected() {
        assertThatThrownBy(() -> parse(CamtKind.CAMT053, "")).isInstanceOf(InvalidInputException.class);
        String xml = document(CamtKind.CAMT053, 2, "");
        assertThat(errors(CamtKind.CAMT053, xml.substring(0, xml.length() / 2)).getFirst().detail())
                .startsWith("malformed XML");
    }

    @Test
    void doctype_isRefusedSoNoEntityIsExpanded() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&xxe;</BkToCstmrStmt></Document>
                """;

        List<FieldError> errors = errors(CamtKind.CAMT053, xxe);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.detail()).contains("DOCTYPE is not allowed");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<Amt Ccy=\"EUR\">12.345</Amt>|more than 2 decimals",
            "<Amt Ccy=\"EUR\">-1.00</Amt>|negative",
            "<Amt Ccy=\"XXY\">1.00</Amt>|unknown currency 'XXY'",
            "<Amt>1.00</Amt>|has no Ccy attribute",
            "<Amt Ccy=\"EUR\">ten</Amt>|is not a decimal number"})
    void badAmount_isNamedWithItsLine(String amount, String message) {
        String xml = document(CamtKind.CAMT053, 2, "").replace("<Amt Ccy=\"EUR\">12.30</Amt>", amount);

        List<FieldError> errors = errors(CamtKind.CAMT053, xml);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(9);
            assertThat(e.detail()).contains(message);
        });
    }

    @Test
    void badDate_isNamed() {
        String xml = document(CamtKind.CAMT053, 2, "").replace("2026-11-20</Dt>", "20.11.2026</Dt>");

        assertThat(errors(CamtKind.CAMT053, xml).getFirst().detail()).contains("'20.11.2026' is not a date");
    }

    @Test
    void batchTransactionWithoutAmount_rejectsTheFile() {
        String xml = document(CamtKind.CAMT053, 4, """
                <AcctSvcrRef>B-1</AcctSvcrRef>
                <NtryDtls>
                  <TxDtls><Amt Ccy="EUR">10.00</Amt></TxDtls>
                  <TxDtls><RmtInf><Ustrd>no amount</Ustrd></RmtInf></TxDtls>
                </NtryDtls>""");

        assertThat(errors(CamtKind.CAMT053, xml).getFirst().detail())
                .contains("entry 1, transaction 2 of a batch has no amount");
    }

    @Test
    void batchWithoutTransactionReferences_keysEachTransactionByEndToEndIdOrPosition() {
        CamtFile file = parse(CamtKind.CAMT053, document(CamtKind.CAMT053, 4, """
                <AcctSvcrRef>B-1</AcctSvcrRef>
                <NtryDtls>
                  <TxDtls><Refs><EndToEndId>E-7</EndToEndId></Refs><Amt Ccy="EUR">10.00</Amt></TxDtls>
                  <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">2.30</Amt></TxAmt></AmtDtls></TxDtls>
                </NtryDtls>"""));

        assertThat(file.credits()).extracting(BankCredit::servicerRef).containsExactly("B-1/E-7", "B-1/2");
        assertThat(file.credits()).extracting(BankCredit::amountMinor).containsExactly(1_000L, 230L);
    }

    @Test
    void missingServicerReference_fallsBackToAStableContentHash() {
        String entry = "<RmtInf><Ustrd>ACC-1</Ustrd></RmtInf>".replace("<RmtInf>", "<NtryDtls><TxDtls><RmtInf>")
                .replace("</RmtInf>", "</RmtInf></TxDtls></NtryDtls>");
        String twice = document(CamtKind.CAMT053, 2, entry).replace("</Ntry>", "</Ntry><Ntry>"
                + "<Amt Ccy=\"EUR\">12.30</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-11-20</Dt></BookgDt>" + entry + "</Ntry>");

        CamtFile one = parse(CamtKind.CAMT053, twice);
        CamtFile again = parse(CamtKind.CAMT054, twice.replace(CamtKind.CAMT053.namespace(2),
                CamtKind.CAMT054.namespace(2)).replace("BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn")
                .replace("Stmt>", "Ntfctn>"));

        assertThat(one.credits()).hasSize(2);
        assertThat(one.credits().get(0).dedupKey()).startsWith("DE89370400440532013000|h:")
                .as("two identical bookings are two credits").isNotEqualTo(one.credits().get(1).dedupKey());
        assertThat(again.credits()).extracting(BankCredit::dedupKey)
                .containsExactlyElementsOf(one.credits().stream().map(BankCredit::dedupKey).toList());
    }

    @ParameterizedTest
    @CsvSource({"DBIT, true, 0, 1, 0", "DBIT, false, 0, 0, 1", "CRDT, true, 0, 0, 1", "CRDT, false, 1, 0, 0"})
    void directionAndReversal_decideCreditReturnOrIgnored(String direction, boolean reversal, int credits,
                                                          int returns, int ignored) {
        String xml = document(CamtKind.CAMT053, 2, "<AcctSvcrRef>S-1</AcctSvcrRef>")
                .replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>" + direction + "</CdtDbtInd>"
                        + (reversal ? "<RvslInd>true</RvslInd>" : ""));

        CamtFile file = parse(CamtKind.CAMT053, xml);

        assertThat(file.credits()).hasSize(credits);
        assertThat(file.returns()).hasSize(returns);
        assertThat(file.debitsIgnored()).isEqualTo(ignored);
        if (returns == 1) {
            assertThat(file.returns().getFirst().returned()).isTrue();
        }
    }

    @Test
    void pendingEntry_isCountedNotRead() {
        CamtFile file = parse(CamtKind.CAMT053, document(CamtKind.CAMT053, 8, "").replace("<Cd>BOOK</Cd>",
                "<Cd>PDNG</Cd>"));

        assertThat(file.credits()).isEmpty();
        assertThat(file.notBooked()).isEqualTo(1);
    }

    @Test
    void bookingDateTime_keepsItsInstant() {
        CamtFile file = parse(CamtKind.CAMT053, document(CamtKind.CAMT053, 2, "").replace(
                "<BookgDt><Dt>2026-11-20</Dt></BookgDt>", "<BookgDt><DtTm>2026-11-20T09:30:00+08:00</DtTm></BookgDt>"));

        assertThat(file.credits().getFirst().bookedAt()).isEqualTo(Instant.parse("2026-11-20T01:30:00Z"));
        assertThat(file.credits().getFirst().bookingDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void supplementaryDataInAnotherNamespace_isSkipped() {
        CamtFile file = parse(CamtKind.CAMT053, document(CamtKind.CAMT053, 2, """
                <AcctSvcrRef>S-9</AcctSvcrRef>
                <SplmtryData><Envlp><x:Extra xmlns:x="urn:bank:extra"><x:Amt>1</x:Amt></x:Extra></Envlp></SplmtryData>"""));

        assertThat(file.credits()).singleElement().satisfies(c -> assertThat(c.servicerRef()).isEqualTo("S-9"));
    }
}
