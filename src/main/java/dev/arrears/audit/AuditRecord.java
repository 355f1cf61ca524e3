package dev.arrears.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry to append: its kind, who acted (null: the signed-in user, or {@code system}), what it is about (a
 * subject type such as {@code customer}, {@code account}, {@code strategy} or {@code user}, and that subject's id),
 * details made only of ids, codes, amounts and hashes (never names, phone numbers, e-mail or postal addresses:
 * pass those through {@link AuditTrail#fingerprint} if they must be matched later), and when it happened (null:
 * now by the application clock).
 */
public record AuditRecord(AuditKind kind, String actor, String subjectType, String subjectId, Map<String, ?> details,
                          Instant occurredAt) {

    /** Longest actor and subject id, in characters. */
    public static final int MAX_TEXT = 200;
    /** What a subject type looks like: lowercase, digits, hyphen or underscore, up to 40 characters. */
    public static final Pattern SUBJECT_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public AuditRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        if (!SUBJECT_TYPE.matcher(subjectType).matches()) {
            throw new IllegalArgumentException("subject type '" + subjectType + "' is not like " + SUBJECT_TYPE);
        }
        if (subjectId.isBlank() || subjectId.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a subject id is 1 to " + MAX_TEXT + " characters");
        }
        if (actor != null && (actor.isBlank() || actor.length() > MAX_TEXT)) {
            throw new IllegalArgumentException("an actor is 1 to " + MAX_TEXT + " characters");
        }
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Returns a record by the signed-in user (or {@code system}), happening now. */
    public static AuditRecord of(AuditKind kind, String subjectType, Object subjectId, Map<String, ?> details) {
        return new AuditRecord(kind, null, subjectType, String.valueOf(subjectId), details, null);
    }

    /** Returns this record with the given actor. */
    public AuditRecord by(String who) {
        return new AuditRecord(kind, who, subjectType, subjectId, details, occurredAt);
    }

    /** Returns this record happening at the given instant. */
    public AuditRecord at(Instant when) {
        return new AuditRecord(kind, actor, subjectType, subjectId, details, when);
    }
}
