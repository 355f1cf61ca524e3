package dev.arrears.contact.sms;

import dev.arrears.contact.channel.SendResult;
import dev.arrears.contact.sms.SubmitResult.Failed;
import dev.arrears.contact.sms.SubmitResult.Failure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the SMPP outcome of a message becomes dispatch's answer: nothing that may be at the SMSC is sent again. */
class SmppChannelSenderTest {

    @ParameterizedTest(name = "{0} with {1} of 3 parts accepted, maybe accepted {2}: {3}")
    @CsvSource({
            "TRANSIENT, 0, false, TRANSIENT",
            "TRANSIENT, 0, true,  PERMANENT",
            "TRANSIENT, 1, false, PERMANENT",
            "TRANSIENT, 2, true,  PERMANENT",
            "PERMANENT, 0, false, PERMANENT",
            "PERMANENT, 1, false, PERMANENT",
    })
    void failedSubmitIsRetriedOnlyWhenNoPartCanBeAtTheSmsc(Failure failure, int accepted, boolean maybeAccepted,
                                                           SendResult.Status expected) {
        List<String> ids = java.util.stream.IntStream.range(0, accepted).mapToObj(i -> "id-" + i).toList();
        Failed failed = new Failed("planned-action:1", ids, 3, failure, 0x58, "throttled", maybeAccepted);

        assertThat(SmppChannelSender.result(failed).status()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1", "3"})
    void submittedMessageIsAcceptedWithEveryPartId(int parts) {
        List<String> ids = java.util.stream.IntStream.range(0, parts).mapToObj(i -> "smsc-" + i).toList();

        SendResult result = SmppChannelSender.result(new SubmitResult.Submitted("planned-action:2", ids));

        assertThat(result.status()).isEqualTo(SendResult.Status.ACCEPTED);
        assertThat(result.providerIds()).isEqualTo(ids);
    }
}
