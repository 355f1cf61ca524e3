package dev.arrears.contact.sms;

import dev.arrears.contact.sms.CommandStatus.Treatment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CommandStatusTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0x58, THROTTLED, ESME_RTHROTTLED (0x58)",
            "0x14, THROTTLED, ESME_RMSGQFUL (0x14)",
            "0x08, TRANSIENT, ESME_RSYSERR (0x08)",
            "0x04, TRANSIENT, ESME_RINVBNDSTS (0x04)",
            "0x45, TRANSIENT, ESME_RSUBMITFAIL (0x45)",
            "0x64, TRANSIENT, ESME_RX_T_APPN (0x64)",
            "0x0B, PERMANENT, ESME_RINVDSTADR (0x0B)",
            "0x0A, PERMANENT, ESME_RINVSRCADR (0x0A)",
            "0x01, PERMANENT, ESME_RINVMSGLEN (0x01)",
            "0x65, PERMANENT, ESME_RX_R_APPN (0x65)",
            "0x400, PERMANENT, status (0x400)",
    })
    void classifiesNegativeSubmitResponses(String status, Treatment treatment, String described) {
        int code = Integer.decode(status);

        assertThat(CommandStatus.classify(code)).isEqualTo(treatment);
        assertThat(CommandStatus.describe(code)).isEqualTo(described);
    }
}
