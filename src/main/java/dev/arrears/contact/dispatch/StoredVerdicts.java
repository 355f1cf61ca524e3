package dev.arrears.contact.dispatch;

import dev.arrears.compliance.ComplianceViews.VerdictPage;
import dev.arrears.compliance.ComplianceViews.VerdictView;
import dev.arrears.contact.ContactViews.TimelineEntry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The guard's stored verdicts on an account's real contacts (dispatch jobs, dials), read from the compliance
 * module's verdict log, as timeline lines: decision, profile, not-before and each rule with its citation. The most
 * recent {@value #LIMIT} are shown.
 */
@Component
class StoredVerdicts implements VerdictLog {

    static final int LIMIT = 1_000;

    private final dev.arrears.compliance.VerdictLog log;

    StoredVerdicts(dev.arrears.compliance.VerdictLog log) {
        this.log = log;
    }

    @Override
    public List<TimelineEntry> verdicts(long accountId) {
        List<TimelineEntry> entries = new ArrayList<>();
        int size = dev.arrears.compliance.VerdictLog.MAX_PAGE_SIZE;
        for (int page = 0; entries.size() < LIMIT; page++) {
            VerdictPage verdicts = log.byAccount(accountId, page, size);
            verdicts.items().forEach(v -> entries.add(entry(v)));
            if (verdicts.items().size() < size) {
                break;
            }
        }
        return entries;
    }

    private static TimelineEntry entry(VerdictView v) {
        String reasons = v.verdict().reasons().stream()
                .map(r -> r.rule() + " (" + r.citation() + "): " + r.message())
                .collect(Collectors.joining("; "));
        String detail = "verdict " + v.id() + " (" + v.profile() + " v" + v.profileVersion() + ", " + v.purpose() + ")"
                + (v.verdict().notBefore() == null ? "" : ", not before " + v.verdict().notBefore())
                + (reasons.isEmpty() ? "" : ": " + reasons);
        return new TimelineEntry(v.evaluatedAt(), "VERDICT", v.channel(), v.verdict().decision().name(), detail,
                v.contactKey(), List.of(Long.toString(v.id()), String.valueOf(v.profile()),
                String.valueOf(v.profileVersion()), String.valueOf(v.purpose()),
                v.verdict().notBefore() == null ? "" : v.verdict().notBefore().toString(), reasons));
    }
}
