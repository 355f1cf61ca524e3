package dev.arrears.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * A sealed audit entry as auditors read it: its position in the chain, id, time, kind, actor, subject, details
 * (the canonical JSON as stored), and its MAC and link in hex.
 */
public record AuditEntryView(long position, long id, Instant occurredAt, String kind, String actor,
                             String subjectType, String subjectId, @JsonRawValue String details, String mac,
                             String link) {
}
