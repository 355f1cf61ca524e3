package dev.arrears.compliance.web;

import dev.arrears.compliance.ComplianceViews.ComplianceView;
import dev.arrears.compliance.ComplianceViews.ContactTimesView;
import dev.arrears.compliance.ComplianceViews.FlagView;
import dev.arrears.compliance.ComplianceViews.VerdictPage;
import dev.arrears.compliance.ComplianceViews.VerdictView;
import dev.arrears.compliance.domain.Debtor.InstantRange;
import dev.arrears.compliance.domain.Debtor.LocalTimeRange;
import dev.arrears.compliance.domain.Verdict.Reason;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the debtor facts API and the functions that map read models onto them. Instants are ISO in
 * UTC with a Z; local times are {@code HH:mm}; enums are their names; debt ids are account ids as strings.
 */
final class DebtorFactsJson {

    private DebtorFactsJson() {
    }

    record FlagJson(long id, String flag, String debtId, String setAt, String setBy, String reason,
                    String clearedAt, String clearedBy, String clearReason, boolean current) {
    }

    record LocalRangeJson(String from, String to) {
    }

    record InstantRangeJson(String from, String to) {
    }

    record TimesJson(List<LocalRangeJson> inconvenientTimes, List<InstantRangeJson> consentedTimes,
                     String updatedAt, String updatedBy) {
    }

    record ReasonJson(String rule, String citation, String message) {
    }

    record VerdictJson(long id, Long accountId, Long customerId, String contactKey, String profile,
                       String profileVersion, String channel, String purpose, String debtId, String evaluatedAt,
                       String decision, String notBefore, List<ReasonJson> reasons, String requestSha256,
                       String recordedAt) {
    }

    record VerdictPageJson(List<VerdictJson> items, int page, int size, long total) {
    }

    record ComplianceJsonView(long customerId, List<FlagJson> flags, List<FlagJson> history,
                              List<String> disputedDebtIds, List<LocalRangeJson> inconvenientTimes,
                              List<InstantRangeJson> consentedTimes, String timesUpdatedAt, String timesUpdatedBy,
                              List<VerdictJson> verdicts) {
    }

    static FlagJson flag(FlagView f) {
        return new FlagJson(f.id(), f.flag().name(), f.debtId(), instant(f.setAt()), f.setBy(), f.reason(),
                instant(f.clearedAt()), f.clearedBy(), f.clearReason(), f.current());
    }

    static TimesJson times(ContactTimesView t) {
        return new TimesJson(local(t.inconvenient()), instants(t.consented()), instant(t.updatedAt()),
                t.updatedBy());
    }

    static VerdictJson verdict(VerdictView v) {
        return new VerdictJson(v.id(), v.accountId(), v.customerId(), v.contactKey(), v.profile(),
                v.profileVersion(), v.channel().name(), v.purpose().name(), v.debtId(), instant(v.evaluatedAt()),
                v.verdict().decision().name(), instant(v.verdict().notBefore()),
                v.verdict().reasons().stream().map(DebtorFactsJson::reason).toList(), v.requestSha256(),
                instant(v.recordedAt()));
    }

    static VerdictPageJson verdicts(VerdictPage page) {
        return new VerdictPageJson(page.items().stream().map(DebtorFactsJson::verdict).toList(), page.page(),
                page.size(), page.total());
    }

    static ComplianceJsonView compliance(ComplianceView v) {
        return new ComplianceJsonView(v.customerId(), v.flags().stream().map(DebtorFactsJson::flag).toList(),
                v.history().stream().map(DebtorFactsJson::flag).toList(), List.copyOf(v.disputedDebtIds()),
                local(v.times().inconvenient()), instants(v.times().consented()), instant(v.times().updatedAt()),
                v.times().updatedBy(), v.verdicts().stream().map(DebtorFactsJson::verdict).toList());
    }

    private static ReasonJson reason(Reason r) {
        return new ReasonJson(r.rule(), r.citation(), r.message());
    }

    private static List<LocalRangeJson> local(List<LocalTimeRange> ranges) {
        return ranges.stream().map(r -> new LocalRangeJson(r.from().toString(), r.to().toString())).toList();
    }

    private static List<InstantRangeJson> instants(List<InstantRange> ranges) {
        return ranges.stream().map(r -> new InstantRangeJson(instant(r.from()), instant(r.to()))).toList();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
