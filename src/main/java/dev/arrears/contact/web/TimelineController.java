package dev.arrears.contact.web;

import dev.arrears.contact.ContactHistory;
import dev.arrears.contact.ContactViews.Timeline;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** An account's contact timeline over JSON. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Timeline", description = "Contacts, verdicts, receipts, outcomes and payments of an account in time order")
class TimelineController {

    private final ContactHistory history;

    TimelineController(ContactHistory history) {
        this.history = history;
    }

    @GetMapping("/accounts/{id}/timeline")
    @Operation(summary = "Show an account's timeline: contact attempts, the guard's verdicts, dispatch failures and "
            + "cancellations, delivery receipts, call outcomes and payments, oldest first")
    Timeline timeline(@PathVariable("id") String id, Principal who) {
        return history.timeline(Paths.id(id), who == null ? null : who.getName());
    }
}
