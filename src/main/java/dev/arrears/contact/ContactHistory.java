package dev.arrears.contact;

import dev.arrears.contact.ContactViews.Timeline;
import dev.arrears.contact.dispatch.TimelineReader;
import dev.arrears.contact.dispatch.VerdictLog;
import dev.arrears.ledger.Ledger;
import dev.arrears.shared.PersonalDataRead;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * An account's contact history as a timeline: every contact and call outcome, the guard's verdicts, dispatch's
 * cancellations and failures, delivery receipts and the ledger's payments, in time order.
 */
@Service
public class ContactHistory {

    private final TimelineReader timelines;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContactHistory(JdbcClient jdbc, Ledger ledger, VerdictLog verdicts, ApplicationEventPublisher events,
                   Clock clock) {
        this.timelines = new TimelineReader(jdbc, ledger, verdicts);
        this.events = events;
        this.clock = clock;
    }

    /** Returns the account's timeline (404 for an unknown account), announcing who read it. */
    public Timeline timeline(long accountId, String actor) {
        Timeline timeline = timelines.timeline(accountId);
        events.publishEvent(new PersonalDataRead(timeline.customerId(), actor,
                "GET /api/v1/accounts/" + accountId + "/timeline", clock.instant()));
        return timeline;
    }

    /**
     * Returns the account's timeline without announcing the read: for a page that announces its own read of the
     * customer's personal data once.
     */
    public Timeline timelineForPage(long accountId) {
        return timelines.timeline(accountId);
    }
}
