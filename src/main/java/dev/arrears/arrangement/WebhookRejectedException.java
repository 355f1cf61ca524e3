package dev.arrears.arrangement;

/** A webhook whose signature is missing, malformed, stale or wrong: answered 401, and nothing changes. */
public class WebhookRejectedException extends RuntimeException {

    public WebhookRejectedException(String reason) {
        super(reason);
    }
}
