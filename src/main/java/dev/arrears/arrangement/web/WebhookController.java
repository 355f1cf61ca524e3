package dev.arrears.arrangement.web;

import dev.arrears.arrangement.Payments;
import dev.arrears.arrangement.Payments.WebhookResult;
import dev.arrears.arrangement.WebhookRejectedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Gateway webhooks, {@code POST /api/v1/payments/webhooks/{gateway}}: public (no login), authenticated by the
 * {@code Arrears-Signature} header over the raw body. 200 with what happened (also for a repeated event id,
 * {@code "duplicate": true}); 401 problem+json for a bad, missing or stale signature; 404 for an unknown gateway.
 */
@RestController
@Tag(name = "Payments: gateway webhooks", description = "Signed events from payment gateways")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    /** The answer to a gateway. */
    record WebhookJson(String eventId, boolean duplicate, String type, String paymentRef, Long paymentId,
                       boolean changed) {
    }

    private final Payments payments;

    WebhookController(Payments payments) {
        this.payments = payments;
    }

    @PostMapping(path = "/api/v1/payments/webhooks/{gateway}")
    @Operation(summary = "Receive a gateway event (payment.succeeded, payment.reversed, chargeback, debit.returned)",
            description = "Header Arrears-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\"> "
                    + "under the gateway's secret; see docs/payments.md for the event JSON")
    WebhookJson receive(@PathVariable("gateway") String gateway,
                        @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        WebhookResult r = payments.receive(gateway, request::getHeader, body == null ? new byte[0] : body);
        return new WebhookJson(r.eventId(), r.duplicate(), r.type().name(), r.paymentRef(), r.paymentId(),
                r.changed());
    }

    @ExceptionHandler(WebhookRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(WebhookRejectedException e, HttpServletRequest request) {
        log.warn("Webhook to {} rejected: {}", request.getRequestURI(), e.getMessage());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        body.setTitle("Bad signature");
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
