package dev.arrears.arrangement;

import dev.arrears.contact.PromiseOnCall;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Takes the promise a collector recorded as a call's outcome, in the same transaction as the outcome. */
@Component
class CallEvents {

    private final Promises promises;

    CallEvents(Promises promises) {
        this.promises = promises;
    }

    @EventListener
    void on(PromiseOnCall e) {
        promises.takeOnCall(e.accountId(), e.callTaskId(), e.collector(), e.amount(), e.promisedOn());
    }
}
