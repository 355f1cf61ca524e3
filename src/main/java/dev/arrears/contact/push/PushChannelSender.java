package dev.arrears.contact.push;

import dev.arrears.compliance.Clearance;
import dev.arrears.contact.channel.ChannelSender;
import dev.arrears.contact.channel.OutboundMessage;
import dev.arrears.contact.channel.ProviderIds;
import dev.arrears.contact.channel.ProviderRecord;
import dev.arrears.contact.channel.SendResult;
import dev.arrears.shared.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live push channel ({@code arrears.contact.push.mode=live}): POSTs each cleared message as JSON
 * ({@code {"to": <the customer's push token>, "message": <the rendered payload>}}, UTF-8) to the gateway at
 * {@code arrears.contact.push.url} with the JDK HTTP client, {@code Authorization: Bearer <token>} and an
 * {@code Idempotency-Key} (the message's contact key, the same on every retry), a batch with at most
 * {@code concurrency} requests in flight. A 2xx is ACCEPTED with the gateway's id from the answer's JSON (a
 * generated one when it names none), stored in dispatch's journal ({@link ProviderIds}) before the batch returns;
 * 408, 425, 429 and 5xx, a refused or timed-out connection, or no answer in time are TRANSIENT (a
 * {@code Retry-After} becomes the not-before, and a 429 or {@code Retry-After} holds back the rest of the batch);
 * every other status is PERMANENT with its reason (401/403: our credentials, logged as an error once; 404/410:
 * the device's token is gone). The token is never logged.
 */
@Component
@ConditionalOnProperty(name = "arrears.contact.push.mode", havingValue = "live")
public class PushChannelSender implements ChannelSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushChannelSender.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The longest wait a {@code Retry-After} is honoured for; a longer one is cut to it. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    /** The most characters of a gateway's answer quoted in a failure's reason. */
    private static final int EXCERPT = 200;

    private final PushProperties properties;
    private final URI url;
    private final ProviderIds ids;
    private final Clock clock;
    private final HttpClient http;
    /** Whether the refusal of our credentials was logged since the gateway last accepted a message. */
    private final AtomicBoolean credentialsRefusalLogged = new AtomicBoolean();

    public PushChannelSender(PushProperties properties, ProviderIds ids, Clock clock) {
        this.properties = properties;
        this.url = url(properties.url());
        this.ids = ids;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // cleartext HTTP/2 would need an upgrade dance most gateways do not offer; TLS negotiates it
                .version("https".equals(url.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static URI url(String url) {
        if (url.isEmpty()) {
            throw new IllegalStateException("arrears.contact.push.mode=live needs arrears.contact.push.url, the"
                    + " gateway's endpoint");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalStateException("arrears.contact.push.url must be an http or https URL, not '"
                        + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("arrears.contact.push.url is not a URL: '" + url + "'", e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public SendResult send(Clearance clearance, OutboundMessage message) {
        return sendAll(List.of(new Cleared(clearance, message))).getFirst();
    }

    @Override
    public List<SendResult> sendAll(List<Cleared> messages) {
        Instant now = clock.instant();
        ChannelSender.requireCleared(messages, Channel.PUSH, now);
        // requests go in order on virtual threads, at most `concurrency` in flight; once the gateway asked to wait,
        // the messages not yet sent are answered TRANSIENT without a request
        Semaphore inFlight = new Semaphore(properties.concurrency());
        AtomicReference<Throttle> throttle = new AtomicReference<>();
        List<Future<SendResult>> answers = new ArrayList<>(messages.size());
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Cleared m : messages) {
                inFlight.acquire();
                answers.add(requests.submit(() -> {
                    try {
                        return post(m.message(), now, throttle);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<SendResult> results = new ArrayList<>(messages.size());
            for (Future<SendResult> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending push messages", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending push messages failed", e.getCause());
        }
    }

    /** The gateway's request to wait (a 429 or a {@code Retry-After}), which holds back the rest of a batch. */
    private record Throttle(int status, Instant notBefore) {
    }

    /** POSTs one message to the gateway and classifies the answer. */
    private SendResult post(OutboundMessage message, Instant now, AtomicReference<Throttle> throttle) {
        Throttle wait = throttle.get();
        if (wait != null) {
            return SendResult.transientFailure("not sent: the push gateway answered " + wait.status()
                    + " to another message of the batch" + (wait.notBefore() == null ? ""
                    : " and asked to wait until " + wait.notBefore()), wait.notBefore());
        }
        byte[] body;
        try {
            body = body(message);
        } catch (RuntimeException e) {
            return SendResult.permanentFailure("cannot build the push request: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header("Idempotency-Key", message.contactKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!properties.token().isEmpty()) {
            request.header("Authorization", "Bearer " + properties.token());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            return SendResult.transientFailure("cannot connect to the push gateway " + where() + " within "
                    + properties.connectTimeout());
        } catch (ConnectException e) {
            return SendResult.transientFailure("cannot connect to the push gateway " + where() + ": " + e);
        } catch (HttpTimeoutException e) {
            return SendResult.transientFailure("no answer from the push gateway " + where() + " within "
                    + properties.timeout() + "; the retry carries the same Idempotency-Key");
        } catch (IOException e) {
            return SendResult.transientFailure("push gateway connection failed before an answer: " + e
                    + "; the retry carries the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.transientFailure("interrupted before the push gateway answered");
        }
        SendResult result = classify(response, now);
        if (result.status() == SendResult.Status.ACCEPTED) {
            credentialsRefusalLogged.set(false);
            journal(message, result.providerIds());
        } else if (response.statusCode() == 429 || result.notBefore() != null) {
            throttle.compareAndSet(null, new Throttle(response.statusCode(), result.notBefore()));
        }
        return result;
    }

    /** Returns the request's JSON in UTF-8: the recipient's push token and the rendered payload. */
    static byte[] body(OutboundMessage message) {
        if (message.recipient() == null || message.recipient().isBlank()) {
            throw new IllegalArgumentException("the message has no push token");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("to", message.recipient());
        if (message.payload() != null && !message.payload().isBlank()) {
            JsonNode payload = JSON.readTree(message.payload());
            if (!payload.isObject()) {
                throw new IllegalArgumentException("the push payload is not a JSON object");
            }
            root.set("message", payload);
        } else {
            ObjectNode payload = root.putObject("message");
            payload.put("title", message.subject());
            payload.put("body", message.text());
            payload.put("accountId", message.accountId());
            payload.put("locale", message.locale());
        }
        return JSON.writeValueAsBytes(root);
    }

    /** Maps the gateway's status to dispatch's answer. */
    SendResult classify(HttpResponse<String> response, Instant now) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return SendResult.accepted(List.of(providerId(body).orElseGet(() -> "push-" + UUID.randomUUID())));
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            Instant notBefore = retryAfter(response.headers().firstValue("Retry-After"), now);
            return SendResult.transientFailure("push gateway answered " + status + excerpt(body)
                    + (notBefore == null ? "" : "; retry not before " + notBefore), notBefore);
        }
        return switch (status) {
            case 401, 403 -> {
                if (credentialsRefusalLogged.compareAndSet(false, true)) {
                    log.error("the push gateway {} refused our credentials ({}): check arrears.contact.push.token;"
                            + " push messages fail (or fall back) until it accepts them", url, status);
                }
                yield SendResult.permanentFailure("push gateway refused our credentials (" + status
                        + "): check arrears.contact.push.token" + excerpt(body));
            }
            case 404, 410 -> SendResult.permanentFailure("push gateway answered " + status + ": the device's push"
                    + " token is not registered (any more)" + excerpt(body));
            case 413 -> SendResult.permanentFailure("push gateway answered 413: the message is too large"
                    + excerpt(body));
            case 400, 422 -> SendResult.permanentFailure("push gateway rejected the message (" + status + ")"
                    + excerpt(body));
            default -> status >= 300 && status < 400
                    ? SendResult.permanentFailure("push gateway answered " + status + " (a redirect to "
                    + response.headers().firstValue("Location").orElse("nowhere")
                    + "): set arrears.contact.push.url to the final address")
                    : SendResult.permanentFailure("push gateway answered " + status + excerpt(body));
        };
    }

    /** Returns the gateway's message id from its answer ({@code id}, {@code messageId} or {@code message_id}). */
    static Optional<String> providerId(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode answer = JSON.readTree(body);
            for (String field : new String[] {"id", "messageId", "message_id"}) {
                JsonNode id = answer.path(field);
                if (id.isValueNode() && !id.isNull() && !id.asString().isBlank()) {
                    return Optional.of(id.asString());
                }
            }
        } catch (JacksonException e) {
            log.debug("push gateway answered 2xx with a body that is not JSON: {}", e.getOriginalMessage());
        }
        return Optional.empty();
    }

    /**
     * Returns when a {@code Retry-After} (delay-seconds or an HTTP-date) allows the next try, at most
     * {@link #MAX_RETRY_AFTER} from now; null without one or when it cannot be read.
     */
    static Instant retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return null;
        }
        String value = header.get().strip();
        Instant at;
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // delay-seconds; more digits than a long holds is later than the cap anyway
            at = value.length() > 12 ? Instant.MAX : now.plusSeconds(Long.parseLong(value));
        } else {
            try {
                at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        Instant latest = now.plus(MAX_RETRY_AFTER);
        return at.isAfter(latest) ? latest : at.isBefore(now) ? now : at;
    }

    /** Returns a short, single-line quote of the gateway's answer for a reason, or nothing. */
    private static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        if (flat.isEmpty()) {
            return "";
        }
        return ": " + (flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "…" : flat);
    }

    private String where() {
        return url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private void journal(OutboundMessage message, List<String> providerIds) {
        try {
            ids.accepted(message, providerIds, 1);
        } catch (RuntimeException e) {
            // dispatch records the answer after the batch anyway; only the takeover's view comes later
            log.warn("could not journal push id {} of {}: {}", providerIds, message.contactKey(), e.toString());
        }
    }

    @Override
    public ProviderRecord lookup(String contactKey) {
        return ids.lookup(contactKey, Channel.PUSH);
    }

    @Override
    public void close() {
        http.close();
    }
}
