package dev.arrears.contact.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of live e-mail ({@code arrears.contact.email.*}; {@code mode} and {@code rate} belong to dispatch).
 *
 * @param from            the From address, optionally with a display name ({@code Arrears <billing@example.com>})
 * @param messageIdDomain the right-hand side of Message-IDs the sender makes itself (dispatch sets its own)
 * @param smtp            the mail server
 */
@ConfigurationProperties("arrears.contact.email")
public record EmailProperties(@DefaultValue("Arrears <noreply@localhost>") String from,
                              @DefaultValue("arrears.dispatch") String messageIdDomain,
                              @DefaultValue Smtp smtp) {

    public EmailProperties {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(messageIdDomain, "messageIdDomain");
        Objects.requireNonNull(smtp, "smtp");
    }

    /**
     * The SMTP server ({@code arrears.contact.email.smtp.*}).
     *
     * @param host           the server's host
     * @param port           its port (25, 587 for submission with STARTTLS)
     * @param username       the login, empty for none
     * @param password       its password
     * @param starttls       whether to require STARTTLS before sending
     * @param connectTimeout how long to wait for the connection
     * @param timeout        how long to wait for each reply of the server
     * @param connections    the most connections one batch uses side by side (more helps with a distant server)
     */
    public record Smtp(@DefaultValue("localhost") String host,
                       @DefaultValue("25") int port,
                       @DefaultValue("") String username,
                       @DefaultValue("") String password,
                       @DefaultValue("false") boolean starttls,
                       @DefaultValue("10s") Duration connectTimeout,
                       @DefaultValue("30s") Duration timeout,
                       @DefaultValue("1") int connections) {

        public Smtp {
            Objects.requireNonNull(host, "host");
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("arrears.contact.email.smtp.port must be 1-65535, is " + port);
            }
            if (connections < 1) {
                throw new IllegalArgumentException("arrears.contact.email.smtp.connections must be at least 1, is "
                        + connections);
            }
            for (Duration d : new Duration[] {connectTimeout, timeout}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("arrears.contact.email.smtp timeouts must be positive");
                }
            }
        }

        @Override
        public String toString() {
            return "Smtp[%s@%s:%d, starttls=%s]".formatted(username, host, port, starttls); // no password in logs
        }
    }

    /** Returns the settings of a server at host:port without login or TLS, sending from the given address. */
    public static EmailProperties of(String from, String host, int port) {
        return new EmailProperties(from, "arrears.dispatch", new Smtp(host, port, "", "", false,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 1));
    }
}
