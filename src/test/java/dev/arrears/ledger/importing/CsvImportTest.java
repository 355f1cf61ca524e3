package dev.arrears.ledger.importing;

import dev.arrears.ledger.Commands.ContactKind;
import dev.arrears.ledger.Commands.ContactPoint;
import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.shared.Channel;
import dev.arrears.shared.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CsvImportTest {

    private static final String BILL_HEADER =
            "externalRef,accountRef,issueDate,dueDate,currency,total,lineDescription,lineCategory,lineAmount\n";
    private static final String CUSTOMER_HEADER =
            "externalRef,name,type,locale,timeZone,phone,email,postalAddress,pushToken,consents,optOuts\n";

    private final FakeLedgerStore store = new FakeLedgerStore();
    private final CsvImport csv = new CsvImport(store);

    private ImportResult run(ImportKind kind, String text, boolean skipInvalid) {
        return csv.importFile(kind, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), skipInvalid);
    }

    private static java.util.List<String> messages(ImportResult result) {
        return result.errors().stream().map(FieldError::fileMessage).toList();
    }

    @Test
    void groupsConsecutiveRowsOfOneBillIntoOneBillWithItsLineItems() {
        ImportResult result = run(ImportKind.BILLS, BILL_HEADER
                + "B1,A1,2026-10-01,2026-10-21,CNY,130.50,月租费,SERVICE,100.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,130.50,\"Data usage, 4G\",USAGE,25.50\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,130.50,Late fee,FEE,5.00\n"
                + "B2,A2,2026-10-02,2026-10-22,CNY,9.90,增值业务,SERVICE,9.90\n", false);

        assertThat(result.errors()).isEmpty();
        assertThat(result).extracting(ImportResult::written, ImportResult::lines, ImportResult::records,
                ImportResult::created).containsExactly(true, 4, 2, 2);
        IssueBill b1 = (IssueBill) store.committed.get("B1");
        assertThat(b1.totalMinor()).isEqualTo(13050);
        assertThat(b1.lines()).extracting(l -> l.description() + "=" + l.amountMinor())
                .containsExactly("月租费=10000", "Data usage, 4G=2550", "Late fee=500");
        assertThat(((IssueBill) store.committed.get("B2")).lines()).hasSize(1);
    }

    @Test
    void rejectsRowsOfOneBillWhoseBillColumnsDiffer() {
        ImportResult result = run(ImportKind.BILLS, BILL_HEADER
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Plan,SERVICE,10.00\n"
                + "B1,A1,2026-10-01,2026-10-25,CNY,30.00,Usage,USAGE,20.00\n", false);

        assertThat(result.written()).isFalse();
        assertThat(messages(result)).singleElement().asString()
                .startsWith("line 3, column dueDate: '2026-10-25' differs from '2026-10-21' on line 2");
        assertThat(store.committed).isEmpty();
    }

    @Test
    void placesLineItemErrorOnThePhysicalLineOfThatItem() {
        // The description on line 3 spans two physical lines, so the third item starts on line 5.
        ImportResult result = run(ImportKind.BILLS, BILL_HEADER
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Plan,SERVICE,10.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,\"Usage\nin October\",USAGE,10.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Fee,FEE,ten\n", false);

        assertThat(messages(result)).singleElement().asString().startsWith("line 5, column lineAmount: ");
    }

    @Test
    void reportsTotalThatIsNotTheSumOnTheBillsFirstLine() {
        ImportResult result = run(ImportKind.BILLS, BILL_HEADER
                + "B1,A1,2026-10-01,2026-10-21,CNY,31.00,Plan,SERVICE,10.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,31.00,Usage,USAGE,20.00\n", false);

        assertThat(result.errors()).singleElement()
                .extracting(FieldError::line, FieldError::column).containsExactly(2, "total");
    }

    @Test
    void reportsEveryBadLineAndWritesNothing() {
        ImportResult result = run(ImportKind.CUSTOMERS, CUSTOMER_HEADER
                + "C1,王伟,PERSON,zh-CN,Asia/Shanghai,+8613800138000,,,,SMS,\n"
                + "C2,Alice,PERSON,en,Mars/Olympus,,,,,,\n"
                + "C3,李娜,PERSON,zh-CN,Asia/Shanghai,,,,,,\n"
                + "C4,Bob,ROBOT,en,Europe/London,,,,,,\n", false);

        assertThat(result.written()).isFalse();
        assertThat(messages(result)).containsExactly(
                "line 3, column timeZone: unknown time zone 'Mars/Olympus'",
                "line 5, column type: 'ROBOT' is not one of PERSON, BUSINESS");
        assertThat(result.created()).isZero();
        assertThat(store.committed).isEmpty();
    }

    @Test
    void stopsWritingAtTheFirstBadLineAndRollsBackWhatWasWritten() {
        StringBuilder text = new StringBuilder("externalRef,accountRef,amount,currency,receivedAt\n");
        for (int i = 0; i < 25_000; i++) {
            text.append("P").append(i).append(",A1,1.00,CNY,2026-10-01T10:00:00+08:00\n");
        }
        text.append("P-bad,A1,-1.00,CNY,2026-10-01T10:00:00+08:00\n");

        ImportResult result = run(ImportKind.PAYMENTS, text.toString(), false);

        assertThat(messages(result)).containsExactly("line 25002, column amount: must be more than zero");
        assertThat(store.rolledBack).isEqualTo(1);
        assertThat(store.committed).isEmpty();
        assertThat(store.chunkSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(CsvImport.CHUNK_SIZE));
    }

    @Test
    void skipInvalidWritesTheGoodRecordsAndReportsTheBad() {
        ImportResult result = run(ImportKind.BILLS, BILL_HEADER
                + "B1,A1,2026-10-01,2026-10-21,CNY,10.00,Plan,SERVICE,10.00\n"
                + "B2,A1,2026-10-01,2026-10-21,CNY,10.00,Plan,GIFT,10.00\n"
                + "B3,missing-account,2026-10-01,2026-10-21,CNY,10.00,Plan,SERVICE,10.00\n"
                + "B4,A1,2026-10-01,2026-10-21,CNY,10.00,Plan,SERVICE,10.00\n", true);

        assertThat(result).extracting(ImportResult::written, ImportResult::records, ImportResult::created,
                ImportResult::skipped).containsExactly(true, 4, 2, 2);
        assertThat(messages(result)).containsExactly(
                "line 3, column lineCategory: 'GIFT' is not one of SERVICE, USAGE, FEE, INTEREST, TAX, OTHER",
                "line 4, column accountRef: unknown account 'missing-account'");
        assertThat(store.committed).containsOnlyKeys("B1", "B4");
    }

    @Test
    void ledgerRejectionWithoutSkipInvalidWritesNothing() {
        ImportResult result = run(ImportKind.PAYMENTS, "externalRef,accountRef,amount,currency,receivedAt\n"
                + "P1,A1,1.00,CNY,2026-10-01T10:00:00Z\n"
                + "P2,missing-1,1.00,CNY,2026-10-01T10:00:00Z\n", false);

        assertThat(result.written()).isFalse();
        assertThat(messages(result)).containsExactly("line 3, column accountRef: unknown account 'missing-1'");
        assertThat(store.committed).isEmpty();
    }

    @Test
    void importingTheSameFileTwiceCreatesNothingTheSecondTime() {
        String file = BILL_HEADER
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Plan,SERVICE,10.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Usage,USAGE,20.00\n"
                + "B2,A1,2026-10-01,2026-10-21,CNY,5.00,Fee,FEE,5.00\n";
        run(ImportKind.BILLS, file, false);

        ImportResult again = run(ImportKind.BILLS, file, false);

        assertThat(again).extracting(ImportResult::created, ImportResult::unchanged).containsExactly(0, 2);
    }

    @Test
    void conflictOnALineItemIsReportedOnThatItemsLine() {
        run(ImportKind.BILLS, BILL_HEADER + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Plan,SERVICE,10.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Usage,USAGE,20.00\n", false);

        ImportResult changed = run(ImportKind.BILLS, BILL_HEADER
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Plan,SERVICE,10.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Usage,USAGE,19.00\n"
                + "B1,A1,2026-10-01,2026-10-21,CNY,30.00,Fee,FEE,1.00\n", false);

        assertThat(messages(changed)).containsExactly("line 3, column lineAmount: conflict: differs from the stored record");
    }

    @Test
    void mapsContactColumnsToContactPointsWithTheirChannels() {
        ImportResult result = run(ImportKind.CUSTOMERS, CUSTOMER_HEADER
                + "C1,王伟,PERSON,zh-CN,Asia/Shanghai,+8613800138000,wang@example.cn,\"北京市朝阳区建国路 1 号\",tok-1,"
                + "SMS;EMAIL;LETTER;PUSH,CALL\n", false);

        assertThat(result.errors()).isEmpty();
        RegisterCustomer customer = (RegisterCustomer) store.committed.get("C1");
        assertThat(customer.name()).isEqualTo("王伟");
        assertThat(customer.contactPoints()).containsExactly(
                new ContactPoint(ContactKind.PHONE, "+8613800138000", Set.of(Channel.SMS), Set.of(Channel.CALL)),
                new ContactPoint(ContactKind.EMAIL, "wang@example.cn", Set.of(Channel.EMAIL), Set.of()),
                new ContactPoint(ContactKind.POSTAL, "北京市朝阳区建国路 1 号", Set.of(Channel.LETTER), Set.of()),
                new ContactPoint(ContactKind.PUSH, "tok-1", Set.of(Channel.PUSH), Set.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "|", quoteCharacter = '"', textBlock = """
            +86 138 0013 8000 | wang@example.cn | SMS     | phone    | '+86 138 0013 8000' is not an E.164 phone number such as +8613800138000
            +8613800138000    | not-an-address  | EMAIL   | email    | 'not-an-address' is not an e-mail address
            +8613800138000    |                 | EMAIL   | consents | EMAIL needs a value in column email
            +8613800138000    |                 | SMS;FAX | consents | 'FAX' is not a channel: use SMS, CALL, EMAIL, PUSH, LETTER or VISIT separated by ';'
            """)
    void reportsContactProblemsOnTheirColumn(String phone, String email, String consents, String column,
                                              String detail) {
        ImportResult result = run(ImportKind.CUSTOMERS, CUSTOMER_HEADER + "C1,Wang,PERSON,en,Asia/Shanghai,"
                + phone + "," + (email == null ? "" : email) + ",,," + consents + ",\n", false);

        assertThat(result.errors()).singleElement()
                .extracting(FieldError::line, FieldError::column, FieldError::detail).containsExactly(2, column, detail);
    }

    @Test
    void exampleFilesImportCleanlyInOrder() throws Exception {
        for (String kind : java.util.List.of("customers", "accounts", "bills", "payments", "adjustments")) {
            try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("docs/examples", kind + ".csv"))) {
                ImportResult result = csv.importFile(ImportKind.parse(kind), in, false);

                assertThat(result.errors()).as(kind).isEmpty();
                assertThat(result.created()).as(kind).isPositive().isEqualTo(result.records());
            }
        }
        assertThat(((IssueBill) store.committed.get("EX-B-0001")).lines()).hasSize(3);
        assertThat(((RegisterCustomer) store.committed.get("EX-C-0004")).contactPoints().get(2).value())
                .isEqualTo("1 King's Road\nLondon SW3 4NB");
    }

    @Test
    void reportsUnknownAndMissingColumnsOnLineOne() {
        ImportResult result = run(ImportKind.ACCOUNTS, "externalRef,customerRef,productLine,currency,colour\n"
                + "A1,C1,BROADBAND,CNY,red\n", false);

        assertThat(result.written()).isFalse();
        assertThat(result.errors()).extracting(FieldError::line, FieldError::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "colour"),
                        org.assertj.core.groups.Tuple.tuple(1, "openedOn"));
        assertThat(messages(result).getFirst()).startsWith("line 1, column colour: unknown column 'colour'");
    }

    @Test
    void reportsEmptyFileClearly() {
        ImportResult result = run(ImportKind.PAYMENTS, "", false);

        assertThat(result.written()).isFalse();
        assertThat(messages(result)).singleElement().asString()
                .startsWith("line 1: the file is empty: the first line must be the header externalRef,");
    }

    @Test
    void readsFileWithByteOrderMarkAndCrLf() {
        ImportResult result = run(ImportKind.ACCOUNTS, "\uFEFFexternalRef,customerRef,productLine,currency,openedOn\r\n"
                + "A1,C1,BROADBAND,CNY,2026-01-05\r\n", false);

        assertThat(result.errors()).isEmpty();
        assertThat(result.created()).isEqualTo(1);
    }

    @Test
    void reportsRowWithTooManyFields() {
        ImportResult result = run(ImportKind.ACCOUNTS, "externalRef,customerRef,productLine,currency,openedOn\n"
                + "A1,C1,BROADBAND,CNY,2026-01-05,extra\n", false);

        assertThat(messages(result)).containsExactly(
                "line 2: the row has 6 fields where the header has 5: put fields with commas in double quotes");
    }

    @Test
    void reportsBytesThatAreNotUtf8() {
        byte[] bytes = "externalRef,customerRef,productLine,currency,openedOn\nA1,C\u00e9,BROADBAND,CNY,2026-01-05\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        ImportResult result = csv.importFile(ImportKind.ACCOUNTS, new ByteArrayInputStream(bytes), false);

        assertThat(result.written()).isFalse();
        assertThat(messages(result)).singleElement().asString().contains("not valid UTF-8");
    }
}
