package dev.arrears.ledger.web;

import dev.arrears.ledger.Commands.PaymentMethod;
import dev.arrears.ledger.Commands.RegisterCustomer;
import dev.arrears.ledger.Commands.ReversalReason;
import dev.arrears.ledger.Commands.ReversePayment;
import dev.arrears.ledger.Commands.CustomerType;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.CustomerView;
import dev.arrears.ledger.Views.PaymentView;
import dev.arrears.ledger.Views.Written;
import dev.arrears.ledger.web.LedgerJson.CustomerJson;
import dev.arrears.ledger.web.LedgerJson.PaymentJson;
import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The write endpoints without Spring or a database: status codes, response shapes and pointer rebasing. */
class LedgerWriteControllerTest {

    private static final String JSON = "application/json";
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    private Ledger ledger;
    private LedgerWriteController controller;

    @BeforeEach
    void setUp() {
        ledger = mock(Ledger.class);
        when(ledger.clock()).thenReturn(Clock.fixed(NOW, ZoneOffset.UTC));
        controller = new LedgerWriteController(ledger, JsonMapper.builder().build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String customer(String ref) {
        return """
                {"externalRef": "%s", "name": "Ann", "type": "PERSON", "locale": "en", "timeZone": "Europe/London"}"""
                .formatted(ref);
    }

    private static CustomerView view(long id, String ref) {
        return new CustomerView(id, ref, "Ann", CustomerType.PERSON, "en", "Europe/London", List.of());
    }

    private void ledgerAnswers(boolean... created) {
        when(ledger.registerCustomers(anyList())).thenAnswer(call -> {
            List<RegisterCustomer> commands = call.getArgument(0);
            return java.util.stream.IntStream.range(0, commands.size())
                    .mapToObj(i -> new Written<>(created[i], view(i + 1, commands.get(i).externalRef()))).toList();
        });
    }

    @Test
    void answers201WithTheViewWhenCreated() throws Exception {
        ledgerAnswers(true);

        ResponseEntity<Object> response = controller.customers(JSON, bytes(customer("C-1")));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getBody()).isInstanceOfSatisfying(CustomerJson.class, c -> {
            assertThat(c.id()).isEqualTo(1);
            assertThat(c.externalRef()).isEqualTo("C-1");
        });
    }

    @Test
    void answers200WhenTheRecordWasAlreadyThere() throws Exception {
        ledgerAnswers(false);

        assertThat(controller.customers(JSON, bytes(customer("C-1"))).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void answersAnArrayFor201WhenAnyRecordIsNew() throws Exception {
        ledgerAnswers(false, true);

        ResponseEntity<Object> response = controller.customers("application/json; charset=UTF-8",
                bytes("[" + customer("C-1") + "," + customer("C-2") + "]"));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getBody()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .extracting(c -> ((CustomerJson) c).externalRef()).containsExactly("C-1", "C-2");
    }

    @Test
    void writesNothingWhenAnyRecordIsBad() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> controller.customers(JSON,
                bytes("[" + customer("C-1") + "," + customer("C 2") + "]")));

        assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/1/externalRef");
        verify(ledger, never()).registerCustomers(anyList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "false | /0/name | /name",
            "true  | /0/name | /0/name"})
    void rebasesConflictPointersOntoTheBody(boolean array, String ledgerPointer, String expected) {
        when(ledger.registerCustomers(anyList())).thenThrow(
                new ConflictException("differs", List.of(FieldError.at(ledgerPointer, "was 'Ann'"))));
        String body = array ? "[" + customer("C-1") + "]" : customer("C-1");

        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> controller.customers(JSON, bytes(body)));

        assertThat(e.errors()).extracting(FieldError::pointer).containsExactly(expected);
    }

    @Test
    void rebasesLedgerInputPointersOntoASingleObject() {
        when(ledger.registerCustomers(anyList())).thenThrow(
                new InvalidInputException(FieldError.at("/0/externalRef", "taken")));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> controller.customers(JSON, bytes(customer("C-1"))));

        assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/externalRef");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"text/plain", "application/xml", "text/csv; charset=UTF-8", "nonsense",
            "''"})
    void refusesBodiesThatAreNotJson(String contentType) {
        assertThatThrownBy(() -> controller.customers(contentType, bytes(customer("C-1"))))
                .isInstanceOf(HttpMediaTypeNotSupportedException.class);
        verify(ledger, never()).registerCustomers(anyList());
    }

    @Test
    void acceptsJsonSuffixedTypes() throws Exception {
        ledgerAnswers(true);

        assertThat(controller.customers("application/vnd.arrears+json", bytes(customer("C-1"))).getStatusCode()
                .value()).isEqualTo(201);
    }

    @Test
    void reversesWithTheClockWhenNoInstantIsGiven() throws Exception {
        PaymentView payment = new PaymentView(5, "P-5", 2, "A-2", 6000, "CNY", NOW.minusSeconds(86400),
                PaymentMethod.DIRECT_DEBIT, null, NOW, ReversalReason.RETURNED_DEBIT);
        when(ledger.payment(5)).thenReturn(Optional.of(payment));
        when(ledger.reversePayment(anyLong(), any())).thenReturn(new Written<>(true, payment));

        ResponseEntity<PaymentJson> response = controller.reverse("5", JSON, bytes("{\"reason\": \"returned_debit\"}"));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().reversedAt()).isEqualTo("2026-11-23T04:00:00Z");
        verify(ledger).reversePayment(5, new ReversePayment(ReversalReason.RETURNED_DEBIT, NOW));
    }

    @Test
    void reversesAtTheGivenInstant() throws Exception {
        PaymentView payment = new PaymentView(5, "P-5", 2, "A-2", 6000, "CNY", NOW, PaymentMethod.CARD, null, null,
                null);
        when(ledger.payment(5)).thenReturn(Optional.of(payment));
        when(ledger.reversePayment(anyLong(), any())).thenReturn(new Written<>(false, payment));

        controller.reverse("5", JSON, bytes("{\"reason\": \"CHARGEBACK\", \"reversedAt\": \"2026-11-20T09:00:00+08:00\"}"));

        verify(ledger).reversePayment(5, new ReversePayment(ReversalReason.CHARGEBACK,
                Instant.parse("2026-11-20T01:00:00Z")));
    }

    @Test
    void refusesReversalOfUnknownPaymentAndBadReversalBodies() {
        when(ledger.payment(anyLong())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> controller.reverse("9", JSON, bytes("{\"reason\": \"ERROR\"}")))
                .isInstanceOf(NotFoundException.class);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> controller.reverse("9", JSON,
                bytes("{\"reason\": \"OOPS\", \"reversedAt\": \"yesterday\", \"extra\": 1}")));
        assertThat(e.errors()).extracting(FieldError::pointer)
                .containsExactlyInAnyOrder("/reason", "/reversedAt", "/extra");
        verify(ledger, never()).reversePayment(anyLong(), any());
    }
}
