package dev.arrears.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which scope an API token needs for a request, as a table; NONE: no scope opens it to tokens. */
class ApiTokenFilterTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource(textBlock = """
            GET,    /api/v1/accounts,                          read
            HEAD,   /api/v1/accounts/7,                        read
            POST,   /api/v1/payments,                          payments:write
            POST,   /api/v1/payments/12/reversal,              payments:write
            POST,   /api/v1/accounts/7/payment-links,          payments:write
            POST,   /api/v1/imports/payments,                  imports:write
            DELETE, /api/v1/imports/payments,                  NONE
            POST,   /api/v1/customers,                         NONE
            POST,   /api/v1/tokens,                            NONE
            DELETE, /api/v1/tokens/3,                          NONE
            POST,   /api/v1/accounts/7/payment-links/extra,    NONE
            POST,   /api/v1/paymentsx,                         NONE
            """)
    void scopeNeeded_followsMethodAndPath(String method, String path, String scope) {
        assertThat(ApiTokenFilter.scopeNeeded(method, path)).isEqualTo("NONE".equals(scope) ? null : scope);
    }
}
