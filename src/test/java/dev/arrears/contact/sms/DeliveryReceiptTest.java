package dev.arrears.contact.sms;

import dev.arrears.contact.sms.DeliveryReceipt.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryReceiptTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "id:0a1b2c sub:001 dlvrd:001 submit date:2612021030 done date:2612021031 stat:DELIVRD err:000 text:Hello"
                    + " | 0a1b2c | DELIVERED | DELIVRD | 000 | 2026-12-02T10:31:00Z",
            "id:77 sub:001 dlvrd:000 submit date:2612021030 done date:261202103145 stat:UNDELIV err:001 text:"
                    + " | 77 | UNDELIVERABLE | UNDELIV | 001 | 2026-12-02T10:31:45Z",
            "id:X9 sub:001 dlvrd:000 submit date:2612021030 done date:2612031030 stat:EXPIRED err:000 Text:Pay now"
                    + " | X9 | EXPIRED | EXPIRED | 000 | 2026-12-03T10:30:00Z",
            "ID:abc SUB:001 DLVRD:000 SUBMIT DATE:2612021030 DONE DATE:2612021030 STAT:rejectd ERR:0x0B TEXT:x"
                    + " | abc | REJECTED | REJECTD | 0x0B | 2026-12-02T10:30:00Z",
            "id:5 stat:ENROUTE | 5 | ENROUTE | ENROUTE | 000 | ",
            "id:6 stat:WEIRD err:9 | 6 | UNKNOWN | WEIRD | 9 | ",
            "id:7 done date:2613451299 stat:DELIVRD | 7 | DELIVERED | DELIVRD | 000 | ",
            // a key inside a word is not the key; a key with nothing after it is skipped for the next
            "msgid:1 id: id:8 xstat:ENROUTE stat:DELIVRD\terr:002 done date:26120210 done date:26120210304"
                    + " | 8 | DELIVERED | DELIVRD | 002 | 2026-12-02T10:30:00Z",
    })
    void parsesReceiptTexts(String text, String id, State state, String stat, String err, Instant doneAt) {
        DeliveryReceipt receipt = DeliveryReceipt.parse(text, "+85291234567", UTC).orElseThrow();

        assertThat(receipt).isEqualTo(new DeliveryReceipt(id, state, stat, err, doneAt, "+85291234567"));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"STOP", "'id:1 sub:001 dlvrd:001'", "'stat:DELIVRD err:000'", "''"})
    void refusesTextsWithoutIdOrState(String text) {
        assertThat(DeliveryReceipt.parse(text, "+85291234567", UTC)).isEmpty();
    }

    @Test
    void readsDoneDateInTheSmscZone() {
        DeliveryReceipt receipt = DeliveryReceipt.parse("id:1 done date:2612021800 stat:DELIVRD", "+8613800138000",
                ZoneId.of("Asia/Shanghai")).orElseThrow();

        assertThat(receipt.doneAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void optionalParametersWinOverTheText() {
        DeliveryReceipt fromText = DeliveryReceipt.parse("id:1A stat:DELIVRD err:000", "+1", UTC).orElseThrow();

        DeliveryReceipt receipt = fromText.withParameters("0000001A", 5);

        assertThat(receipt.messageId()).isEqualTo("0000001A");
        assertThat(receipt.state()).isEqualTo(State.UNDELIVERABLE);
        assertThat(receipt.stat()).isEqualTo("UNDELIV");
        assertThat(fromText.withParameters(null, null)).isEqualTo(fromText);
    }

    @Test
    void formatsTheTextSmscsSend() {
        String text = DeliveryReceipt.format("abc", State.DELIVERED, "000", LocalDateTime.of(2026, 12, 2, 9, 5),
                LocalDateTime.of(2026, 12, 2, 9, 6), "Your bill");

        assertThat(text).isEqualTo("id:abc sub:001 dlvrd:001 submit date:2612020905 done date:2612020906"
                + " stat:DELIVRD err:000 text:Your bill");
        assertThat(DeliveryReceipt.parse(text, "+1", UTC).orElseThrow().state()).isEqualTo(State.DELIVERED);
    }

    @ParameterizedTest(name = "{0} final={1}")
    @CsvSource({"ENROUTE, false", "DELIVERED, true", "EXPIRED, true", "UNDELIVERABLE, true", "REJECTED, true"})
    void onlyEnrouteIsNotFinal(State state, boolean isFinal) {
        assertThat(state.isFinal()).isEqualTo(isFinal);
        assertThat(State.ofMessageState(state.messageState())).isEqualTo(state);
        assertThat(State.ofStat(state.stat())).isEqualTo(state);
    }
}
