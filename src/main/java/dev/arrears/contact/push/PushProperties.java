package dev.arrears.contact.push;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of live push ({@code arrears.contact.push.*}; {@code mode} and {@code rate} belong to dispatch). The
 * token is a secret: it goes into the {@code Authorization} header and nowhere else, not into logs or
 * {@link #toString()}.
 *
 * @param url            the gateway's endpoint every message is POSTed to ({@code https://push.example.com/v1/send});
 *                       required in live mode
 * @param token          the bearer token sent as {@code Authorization: Bearer <token>}; empty sends none
 * @param connectTimeout how long to wait for a connection to the gateway
 * @param timeout        how long to wait for the gateway's answer to one message, from sending it
 * @param concurrency    the most requests of one batch in flight at once
 */
@ConfigurationProperties("arrears.contact.push")
public record PushProperties(@DefaultValue("") String url,
                             @DefaultValue("") String token,
                             @DefaultValue("5s") Duration connectTimeout,
                             @DefaultValue("10s") Duration timeout,
                             @DefaultValue("16") int concurrency) {

    public PushProperties {
        url = url == null ? "" : url.strip();
        token = token == null ? "" : token.strip();
        for (Duration d : new Duration[] {connectTimeout, timeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("arrears.contact.push timeouts must be positive");
            }
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("arrears.contact.push.concurrency must be at least 1, is "
                    + concurrency);
        }
    }

    /** Returns the settings of a gateway at url with a token, the default timeouts and concurrency. */
    public static PushProperties of(String url, String token) {
        return new PushProperties(url, token, Duration.ofSeconds(5), Duration.ofSeconds(10), 16);
    }

    /** Returns these settings with other timeouts. */
    public PushProperties withTimeouts(Duration connectTimeout, Duration timeout) {
        return new PushProperties(url, token, connectTimeout, timeout, concurrency);
    }

    /** Returns these settings with another concurrency. */
    public PushProperties withConcurrency(int concurrency) {
        return new PushProperties(url, token, connectTimeout, timeout, concurrency);
    }

    @Override
    public String toString() {
        return "PushProperties[url=%s, token=%s, connectTimeout=%s, timeout=%s, concurrency=%d]".formatted(url,
                token.isEmpty() ? "none" : "(set)", connectTimeout, timeout, concurrency);
    }
}
