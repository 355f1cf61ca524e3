package dev.arrears.selfservice.web;

import dev.arrears.selfservice.ComplaintView;
import dev.arrears.selfservice.SelfService;
import dev.arrears.selfservice.domain.PortalInput;
import dev.arrears.selfservice.domain.PortalInput.ComplaintCategory;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Complaints over JSON: an account's complaints (from the portal, collectors and integrations), and a collector's
 * or an integration's way to record one; and the portal's ratings summed up for the dashboard.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Complaints and portal feedback", description = "Customers' complaints; ratings of the portal")
class ComplaintController {

    /** Body of {@code POST /api/v1/accounts/{id}/complaints}. */
    record ComplaintRequest(String category, String text, String source) {
    }

    private final SelfService self;

    ComplaintController(SelfService self) {
        this.self = self;
    }

    @GetMapping("/accounts/{accountId}/complaints")
    @Operation(summary = "List an account's complaints, newest first")
    List<ComplaintView> list(@PathVariable("accountId") String accountId) {
        return self.complaints(id(accountId));
    }

    @PostMapping("/accounts/{accountId}/complaints")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a customer's complaint (category, text of 1 to 2,000 characters, source COLLECTOR "
            + "by default or API)")
    ComplaintView make(@PathVariable("accountId") String accountId,
                       @RequestBody(required = false) ComplaintRequest body, Principal who) {
        long account = id(accountId);
        ComplaintRequest b = body == null ? new ComplaintRequest(null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        Optional<ComplaintCategory> category = PortalInput.choice(b.category(), ComplaintCategory.class);
        if (category.isEmpty()) {
            errors.add(FieldError.at("/category", "is required: one of "
                    + Arrays.toString(ComplaintCategory.values())));
        }
        if (PortalInput.text(b.text(), PortalInput.MAX_COMPLAINT_TEXT).isEmpty()) {
            errors.add(FieldError.at("/text", "must have 1 to " + PortalInput.MAX_COMPLAINT_TEXT + " characters"));
        }
        SelfService.Source source = SelfService.Source.COLLECTOR;
        if (b.source() != null) {
            Optional<SelfService.Source> s = PortalInput.choice(b.source(), SelfService.Source.class);
            if (s.isEmpty() || s.get() == SelfService.Source.PORTAL) {
                errors.add(FieldError.at("/source", "is COLLECTOR or API (PORTAL is the customer's own)"));
            } else {
                source = s.get();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return self.complain(account, source, category.orElseThrow(), b.text(), who == null ? null : who.getName());
    }

    @GetMapping("/portal/feedback/summary")
    @Operation(summary = "Sum up the portal's ratings of the last `days` days (default 90): count, average, per "
            + "rating")
    dev.arrears.selfservice.FeedbackSummary feedback(@RequestParam(name = "days", required = false) String days) {
        Parameters parameters = new Parameters();
        int d = parameters.integer("days", days, 90, 1, 3660);
        parameters.check();
        return self.feedback(d);
    }

    private static long id(String text) {
        Parameters parameters = new Parameters();
        Long id = parameters.id("accountId", text);
        parameters.check();
        return id;
    }
}
