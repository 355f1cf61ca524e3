package dev.arrears.audit.web;

import dev.arrears.audit.AuditKind;
import dev.arrears.audit.AuditPage;
import dev.arrears.audit.AuditQuery;
import dev.arrears.audit.AuditRecord;
import dev.arrears.audit.AuditTrail;
import dev.arrears.audit.AuditVerification;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The audit trail for auditors (roles ADMIN and AUDITOR): sealed entries oldest first, filtered and paged by
 * position ({@code after} is the last position already read; {@code next} in the answer is the next page's), and
 * a verification of the whole chain. Both seal pending entries first.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
@Tag(name = "Audit trail", description = "Append-only, HMAC-chained record of verdicts, changes, logins and reads")
class AuditController {

    private static final int DEFAULT_LIMIT = 100;
    private static final String INSTANT_EXAMPLE = "an instant such as 2026-11-23T04:00:00Z or a date such as "
            + "2026-11-23 (midnight UTC)";

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    @Operation(summary = "List sealed audit entries, oldest first, paged by position")
    AuditPage entries(
            @Parameter(description = "Entries that occurred at or after this instant (or date, midnight UTC)")
            @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "Entries that occurred before this instant (or date, midnight UTC)")
            @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "Entry kind, such as CONTACT_VERDICT, FLAG_CHANGED, LOGIN_FAILED")
            @RequestParam(name = "kind", required = false) String kind,
            @Parameter(description = "Subject type: customer, account, strategy, user …")
            @RequestParam(name = "subjectType", required = false) String subjectType,
            @Parameter(description = "Subject id; needs subjectType")
            @RequestParam(name = "subjectId", required = false) String subjectId,
            @Parameter(description = "Who acted: a user name, or system")
            @RequestParam(name = "actor", required = false) String actor,
            @Parameter(description = "Entries with positions after this one (default 0, the start)")
            @RequestParam(name = "after", required = false) String after,
            @Parameter(description = "Entries per page, 1 to 1000 (default 100)")
            @RequestParam(name = "limit", required = false) String limit) {
        Parameters p = new Parameters();
        Instant fromInstant = instant(p, "from", from);
        Instant toInstant = instant(p, "to", to);
        AuditKind kindValue = p.oneOf("kind", kind, AuditKind.class);
        String type = Parameters.present(subjectType) ? subjectType.strip() : null;
        if (type != null && !AuditRecord.SUBJECT_TYPE.matcher(type).matches()) {
            p.problem("subjectType", "'" + Parameters.abbreviate(subjectType) + "' is not a subject type such as "
                    + "customer, account, strategy or user");
        }
        String subject = text(p, "subjectId", subjectId);
        if (subject != null && type == null) {
            p.problem("subjectId", "needs subjectType, for example ?subjectType=customer&subjectId=42");
        }
        String who = text(p, "actor", actor);
        long afterPosition = Parameters.present(after) ? position(p, after) : 0;
        int size = p.integer("limit", limit, DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            p.problem("to", "must be after from");
        }
        p.check();
        return trail.entries(new AuditQuery(fromInstant, toInstant, kindValue, type, subject, who, afterPosition,
                size));
    }

    @GetMapping("/verify")
    @Operation(summary = "Seal what is pending, then verify the whole chain: {entries, ok, brokenAt, headLink}")
    AuditVerification verify() {
        return trail.verify();
    }

    private static Instant instant(Parameters p, String name, String text) {
        if (!Parameters.present(text)) {
            return null;
        }
        String s = text.strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            p.problem(name, "'" + Parameters.abbreviate(text) + "' is not " + INSTANT_EXAMPLE);
            return null;
        }
    }

    private static String text(Parameters p, String name, String text) {
        if (!Parameters.present(text)) {
            return null;
        }
        if (text.length() > AuditRecord.MAX_TEXT) {
            p.problem(name, "is longer than " + AuditRecord.MAX_TEXT + " characters");
            return null;
        }
        return text;
    }

    private static long position(Parameters p, String text) {
        if (text.strip().matches("\\d{1,18}")) {
            return Long.parseLong(text.strip());
        }
        p.problem("after", "'" + Parameters.abbreviate(text) + "' is not a position (0 or a whole number above)");
        return 0;
    }
}
