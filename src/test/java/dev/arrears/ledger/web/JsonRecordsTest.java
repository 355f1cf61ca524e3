package dev.arrears.ledger.web;

import dev.arrears.ledger.Commands.IssueBill;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.intake.Intake;
import dev.arrears.ledger.web.JsonRecords.Batch;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonRecordsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final String CUSTOMER = """
            {"externalRef": "C-1", "name": "王小明", "type": "PERSON", "locale": "zh-CN", "timeZone": "Asia/Shanghai",
             "contactPoints": [{"kind": "PHONE", "value": "+8613800138000", "consents": ["SMS"]}]}""";

    private static final String BILL = """
            {"externalRef": "B-1", "accountRef": "A-1", "issueDate": "2026-03-01", "dueDate": "2026-03-31",
             "currency": "CNY", "total": "12.34",
             "lines": [{"description": "Plan", "category": "SERVICE", "amount": "10.00"},
                       {"description": "Tax", "category": "TAX", "amount": "2.34"}]}""";

    private static JsonNode json(String text) {
        return JsonRecords.parse(MAPPER, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<FieldError> errorsOf(Runnable action) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, action::run);
        assertThat(e).as("expected an InvalidInputException").isNotNull();
        return e.errors();
    }

    @ParameterizedTest
    @CsvSource({
            "false, 0, dueDate,        /dueDate",
            "true,  0, dueDate,        /0/dueDate",
            "true,  3, lines/1/amount, /3/lines/1/amount",
            "false, 0, lines/1/amount, /lines/1/amount",
            "true,  2, '',             /2",
            "false, 0, a~b,            /a~0b"})
    void convertsIssuePathsToJsonPointers(boolean array, int index, String path, String pointer) {
        assertThat(JsonRecords.pointer(array, index, path)).isEqualTo(pointer);
    }

    @Test
    void readsSingleObjectAsOneCommand() {
        Batch<RegisterCustomer> batch = JsonRecords.read(json(CUSTOMER), Intake::customer);

        assertThat(batch.array()).isFalse();
        assertThat(batch.commands()).singleElement().satisfies(c -> {
            assertThat(c.externalRef()).isEqualTo("C-1");
            assertThat(c.name()).isEqualTo("王小明");
            assertThat(c.contactPoints()).hasSize(1);
        });
    }

    @Test
    void readsArrayInOrder() {
        Batch<IssueBill> batch = JsonRecords.read(json("[" + BILL + "," + BILL.replace("B-1", "B-2") + "]"),
                Intake::bill);

        assertThat(batch.array()).isTrue();
        assertThat(batch.commands()).extracting(IssueBill::externalRef).containsExactly("B-1", "B-2");
        assertThat(batch.commands().getFirst().totalMinor()).isEqualTo(1234);
    }

    @Test
    void pointsIntoSingleObjectWithoutIndex() {
        List<FieldError> errors = errorsOf(() -> JsonRecords.read(
                json(CUSTOMER.replace("Asia/Shanghai", "Mars/Olympus")), Intake::customer));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/timeZone");
        assertThat(errors.getFirst().detail()).contains("Mars/Olympus");
    }

    @Test
    void collectsIssuesOfEveryRecordOfAnArray() {
        String body = "[" + CUSTOMER + "," + CUSTOMER.replace("Asia/Shanghai", "Mars/Olympus") + ","
                + CUSTOMER.replace("zh-CN", "fr") + "]";

        List<FieldError> errors = errorsOf(() -> JsonRecords.read(json(body), Intake::customer));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/1/timeZone", "/2/locale");
    }

    @Test
    void pointsIntoNestedLines() {
        String body = "[" + BILL + "," + BILL.replace("\"2.34\"", "\"2.345\"") + "]";

        List<FieldError> errors = errorsOf(() -> JsonRecords.read(json(body), Intake::bill));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/1/lines/1/amount");
    }

    @Test
    void refusesAmountWrittenAsJsonNumber() {
        List<FieldError> errors = errorsOf(() -> JsonRecords.read(
                json(BILL.replace("\"total\": \"12.34\"", "\"total\": 12.34")), Intake::bill));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/total");
        assertThat(errors.getFirst().detail()).contains("not a JSON number");
    }

    @Test
    void refusesIntegerAmountWrittenAsJsonNumberInLine() {
        List<FieldError> errors = errorsOf(() -> JsonRecords.read(
                json("[" + BILL.replace("\"amount\": \"10.00\"", "\"amount\": 10") + "]"), Intake::bill));

        assertThat(errors).extracting(FieldError::pointer).contains("/0/lines/0/amount");
    }

    @Test
    void refusesArrayElementThatIsNotAnObject() {
        List<FieldError> errors = errorsOf(() -> JsonRecords.read(json("[" + CUSTOMER + ", 42, \"x\"]"),
                Intake::customer));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/1", "/2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"42", "\"text\"", "null", "true"})
    void refusesBodyThatIsNeitherObjectNorArray(String body) {
        List<FieldError> errors = errorsOf(() -> JsonRecords.read(json(body), Intake::customer));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"externalRef\": ", "{'a': 1}", "[1, 2", "{} {}", "not json"})
    void refusesMalformedJsonAtDocumentPointer(String body) {
        List<FieldError> errors = errorsOf(() -> json(body));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEmpty();
            assertThat(e.detail()).startsWith("the request body is not valid JSON");
        });
    }

    @Test
    void refusesEmptyBody() {
        assertThatThrownBy(() -> JsonRecords.parse(MAPPER, new byte[0])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> json("   ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void keepsNumbersAndBooleansAndNullsTyped() {
        Map<String, Object> map = JsonRecords.toMap(json("""
                {"s": "x", "i": 7, "d": 1.5, "b": true, "n": null, "l": ["a", 1], "o": {"k": "v"}}"""));

        assertThat(map.get("s")).isEqualTo("x");
        assertThat(map.get("i")).isInstanceOf(Number.class);
        assertThat(map.get("d")).isInstanceOf(Number.class);
        assertThat(map.get("b")).isEqualTo(Boolean.TRUE);
        assertThat(map).containsKey("n");
        assertThat(map.get("n")).isNull();
        assertThat(map.get("l")).isEqualTo(List.of("a", 1));
        assertThat(map.get("o")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void reportsUnknownFieldAtItsPointer() {
        List<FieldError> errors = errorsOf(() -> JsonRecords.read(
                json("[" + CUSTOMER.replace("\"type\"", "\"kind\": \"X\", \"type\"") + "]"), Intake::customer));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/0/kind");
    }

    @ParameterizedTest
    @CsvSource({
            "false, /0/total,  /total",
            "false, /0,        ''",
            "false, /1/total,  /1/total",
            "true,  /0/total,  /0/total",
            "true,  /2/total,  /2/total"})
    void rebasesLedgerPointersOntoSingleObjectBodies(boolean array, String ledgerPointer, String expected) {
        List<FieldError> rebased = JsonRecords.rebase(List.of(FieldError.at(ledgerPointer, "x")), array);

        assertThat(rebased).extracting(FieldError::pointer).containsExactly(expected);
    }
}
