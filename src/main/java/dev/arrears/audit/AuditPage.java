package dev.arrears.audit;

import java.util.List;

/** One page of entries, oldest first; {@code next} is the {@code after} of the following page, null at the end. */
public record AuditPage(List<AuditEntryView> entries, Long next) {
}
