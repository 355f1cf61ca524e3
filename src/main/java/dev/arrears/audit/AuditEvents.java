package dev.arrears.audit;

import dev.arrears.audit.domain.Chain;
import dev.arrears.compliance.FlagChanged;
import dev.arrears.compliance.VerdictRecorded;
import dev.arrears.contact.CallTaskAssigned;
import dev.arrears.contact.ContactRecorded;
import dev.arrears.contact.LetterBatchChanged;
import dev.arrears.contact.TemplateChanged;
import dev.arrears.arrangement.ApprovalDecided;
import dev.arrears.arrangement.PromiseChanged;
import dev.arrears.ledger.ContactPreferenceChanged;
import dev.arrears.privacy.PersonalDataErased;
import dev.arrears.privacy.PersonalDataExported;
import dev.arrears.scoring.ScoreModelActivated;
import dev.arrears.shared.ApiTokenChanged;
import dev.arrears.shared.PersonalDataRead;
import dev.arrears.shared.UserChanged;
import dev.arrears.strategy.StrategyChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the other modules' events into audit entries, synchronously in the publishing transaction, so that an
 * entry commits or rolls back with the change it records. Only ids, codes and hashes go into details: the free
 * text of an erasure's reason is kept as its SHA-256.
 */
@Component
class AuditEvents {

    private final AuditTrail trail;

    AuditEvents(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(VerdictRecorded e) {
        append(verdict(e));
    }

    @EventListener
    void on(FlagChanged e) {
        append(flag(e));
    }

    @EventListener
    void on(StrategyChanged e) {
        append(strategy(e));
    }

    @EventListener
    void on(ScoreModelActivated e) {
        append(new AuditRecord(AuditKind.SCORE_MODEL_ACTIVATED, actor(e.actor()), "score_model",
                Long.toString(e.modelId()), details("target", e.target(), "version", e.version(), "kind", e.kind(),
                "previousModelId", e.previousModelId()), e.at()));
    }

    @EventListener
    void on(PersonalDataRead e) {
        append(personal(AuditKind.PERSONAL_DATA_READ, e.customerId(), e.actor(), details("where", e.where()))
                .at(e.at()));
    }

    @EventListener
    void on(PersonalDataExported e) {
        append(personal(AuditKind.PERSONAL_DATA_EXPORTED, e.customerId(), e.actor(),
                details("exportSha256", e.sha256())).at(e.at()));
    }

    @EventListener
    void on(PersonalDataErased e) {
        append(personal(AuditKind.PERSONAL_DATA_ERASED, e.customerId(), e.actor(),
                details("reasonSha256", sha256(e.reason()))).at(e.at()));
    }

    @EventListener
    void on(ContactPreferenceChanged e) {
        append(new AuditRecord(AuditKind.CONTACT_PREFERENCE_CHANGED, actor(e.actor()), "customer",
                Long.toString(e.customerId()), details("channel", e.channel(), "addressSha256", e.addressSha256(),
                "optedOut", e.optedOut(), "source", e.source()), e.at()));
    }

    @EventListener
    void on(ApprovalDecided e) {
        append(new AuditRecord(AuditKind.APPROVAL, actor(e.actor()), "account", Long.toString(e.accountId()),
                details("approvalId", e.approvalId(), "kind", e.kind(), "subjectId", e.subjectId(),
                        "decision", e.decision(), "amountMinor", e.amountMinor(), "currency", e.currency(),
                        "requiredRole", e.requiredRole()), e.at()));
    }

    @EventListener
    void on(PromiseChanged e) {
        append(new AuditRecord(AuditKind.PROMISE_CHANGED, actor(e.actor()), "account", Long.toString(e.accountId()),
                details("promiseId", e.promiseId(), "state", e.state(), "amountMinor", e.amountMinor(),
                        "currency", e.currency(), "reasonSha256", sha256(e.reason())), e.at()));
    }

    @EventListener
    void on(ApiTokenChanged e) {
        append(new AuditRecord(e.revoked() ? AuditKind.API_TOKEN_REVOKED : AuditKind.API_TOKEN_CREATED,
                actor(e.actor()), "api-token", Long.toString(e.tokenId()),
                details("name", e.name(), "scopes", String.join(" ", e.scopes())), e.at()));
    }

    @EventListener
    void on(UserChanged e) {
        AuditKind kind = switch (e.change()) {
            case "CREATED" -> AuditKind.USER_CREATED;
            case "ROLES_CHANGED" -> AuditKind.USER_ROLES_CHANGED;
            case "DISABLED" -> AuditKind.USER_DISABLED;
            case "PASSWORD_RESET" -> AuditKind.PASSWORD_RESET;
            default -> AuditKind.USER_CHANGED;
        };
        append(new AuditRecord(kind, actor(e.actor()), "user", e.username(),
                details("change", e.change(), "roles", String.join(" ", e.roles())), e.at()));
    }

    @EventListener
    void on(ContactRecorded e) {
        Map<String, Object> details = details("attemptId", e.attemptId(), "customerId", e.customerId(),
                "channel", e.channel(), "kind", e.kind(), "contactKey", e.contactKey(), "verdictId", e.verdictId());
        append(e.accountId() != null
                ? AuditRecord.of(AuditKind.CONTACT_ATTEMPT, "account", e.accountId(), details).at(e.at())
                : AuditRecord.of(AuditKind.CONTACT_ATTEMPT, "customer", e.customerId(), details).at(e.at()));
    }

    @EventListener
    void on(LetterBatchChanged e) {
        append(new AuditRecord(AuditKind.LETTER_BATCH_CHANGED, actor(e.actor()), "letter-batch",
                Long.toString(e.batchId()), details("change", e.change(), "letters", e.letters(), "pages", e.pages()),
                e.at()));
    }

    @EventListener
    void on(CallTaskAssigned e) {
        append(new AuditRecord(AuditKind.CALL_TASK_ASSIGNED, actor(e.actor()), "call-task", Long.toString(e.taskId()),
                details("change", e.change().name(), "assignee", e.assignee(), "previous", e.previous(),
                        "account", e.accountId()), e.at()));
    }

    @EventListener
    void on(TemplateChanged e) {
        append(new AuditRecord(AuditKind.TEMPLATE_CHANGED, actor(e.actor()), "template",
                e.name() + "/" + e.channel(), details("version", e.version(), "change", e.change(),
                "sha256", e.sha256()), e.at()));
    }

    /**
     * Appends an entry with the publishing transaction: entries of one read-write transaction are gathered and
     * written in one statement just before it commits (dispatch publishes thousands per batch), so they still commit
     * or roll back with it; outside such a transaction, or once the gathered entries were written, at once.
     */
    private void append(AuditRecord record) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            trail.record(record);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.written) {
            // published while the transaction commits (another synchronisation's work): no later flush would run
            trail.record(record);
        } else {
            pending.records.add(record);
        }
    }

    /** The entries gathered in one transaction, written before it commits. */
    private final class Pending implements TransactionSynchronization {

        final List<AuditRecord> records = new ArrayList<>();
        boolean written;

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            trail.recordAll(records);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditEvents.this);
        }
    }

    static AuditRecord verdict(VerdictRecorded e) {
        Map<String, Object> details = details("verdictId", e.verdictId(), "accountId", e.accountId(),
                "customerId", e.customerId(), "contactKey", e.contactKey(), "profile", e.profile(),
                "channel", e.channel(), "decision", e.decision(), "rules", e.rules(),
                "requestSha256", e.requestSha256());
        if (e.accountId() != null) {
            return AuditRecord.of(AuditKind.CONTACT_VERDICT, "account", e.accountId(), details).at(e.at());
        }
        if (e.customerId() != null) {
            return AuditRecord.of(AuditKind.CONTACT_VERDICT, "customer", e.customerId(), details).at(e.at());
        }
        return AuditRecord.of(AuditKind.CONTACT_VERDICT, "verdict", e.verdictId(), details).at(e.at());
    }

    static AuditRecord flag(FlagChanged e) {
        return new AuditRecord(AuditKind.FLAG_CHANGED, actor(e.actor()), "customer", Long.toString(e.customerId()),
                details("flag", e.flag(), "debtId", e.debtId(), "set", e.set()), e.at());
    }

    static AuditRecord strategy(StrategyChanged e) {
        return new AuditRecord(AuditKind.STRATEGY_CHANGED, actor(e.actor()), "strategy", e.name(),
                details("version", e.version(), "change", e.change(), "yamlSha256", e.yamlSha256()), e.at());
    }

    private static AuditRecord personal(AuditKind kind, long customerId, String actor, Map<String, ?> details) {
        return new AuditRecord(kind, actor(actor), "customer", Long.toString(customerId), details, null);
    }

    /** Returns the event's actor, or null (the signed-in user) when it names none. */
    private static String actor(String actor) {
        return actor == null || actor.isBlank() ? null
                : actor.length() > AuditRecord.MAX_TEXT ? actor.substring(0, AuditRecord.MAX_TEXT) : actor;
    }

    /** Returns details from alternating names and values; values may be null. */
    static Map<String, Object> details(Object... namesAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            details.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return details;
    }

    private static String sha256(String text) {
        return text == null ? null : Chain.hex(Chain.sha256(text));
    }
}
