package dev.arrears.compliance;

import dev.arrears.compliance.ComplianceViews.ComplianceView;
import dev.arrears.compliance.ComplianceViews.FlagView;
import dev.arrears.compliance.ComplianceViews.VerdictView;
import dev.arrears.compliance.persistence.FlagStore;
import dev.arrears.shared.PersonalDataSource;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compliance module's share of a customer's personal data: flags with their history, the stated contact
 * times and the stored verdicts. An erasure keeps the flags, their dates and the times (the law requires honouring
 * a dispute, a cease or a stated inconvenient time for as long as the debt is collected) and replaces the
 * free-text reasons, which may describe the person. Verdicts hold ids, rule ids and a request hash only.
 */
@Component
class CompliancePersonalData implements PersonalDataSource {

    static final String ERASED = "erased";

    private final DebtorFacts facts;
    private final FlagStore flags;

    CompliancePersonalData(DebtorFacts facts, FlagStore flags) {
        this.facts = facts;
        this.flags = flags;
    }

    @Override
    public String name() {
        return "compliance";
    }

    @Override
    public Object export(long customerId) {
        ComplianceView view = facts.view(customerId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flags", view.history().stream().map(CompliancePersonalData::flag).toList());
        out.put("disputedDebtIds", view.disputedDebtIds().stream().sorted().toList());
        out.put("inconvenientTimes", view.times().inconvenient().stream()
                .map(r -> Map.of("from", r.from().toString(), "to", r.to().toString())).toList());
        out.put("consentedTimes", view.times().consented().stream()
                .map(r -> Map.of("from", r.from().toString(), "to", r.to().toString())).toList());
        out.put("recentVerdicts", view.verdicts().stream().map(CompliancePersonalData::verdict).toList());
        return out;
    }

    @Override
    public void erase(long customerId) {
        flags.eraseReasons(customerId, ERASED);
    }

    private static Map<String, Object> flag(FlagView f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flag", f.flag().name());
        m.put("debtId", f.debtId());
        m.put("setAt", f.setAt().toString());
        m.put("setBy", f.setBy());
        m.put("reason", f.reason());
        m.put("clearedAt", f.clearedAt() == null ? null : f.clearedAt().toString());
        m.put("clearedBy", f.clearedBy());
        m.put("clearReason", f.clearReason());
        return m;
    }

    private static Map<String, Object> verdict(VerdictView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("accountId", v.accountId());
        m.put("contactKey", v.contactKey());
        m.put("profile", v.profile());
        m.put("channel", v.channel().name());
        m.put("decision", v.verdict().decision().name());
        m.put("evaluatedAt", v.evaluatedAt().toString());
        return m;
    }
}
