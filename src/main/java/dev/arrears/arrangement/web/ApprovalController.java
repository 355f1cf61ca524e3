package dev.arrears.arrangement.web;

import dev.arrears.arrangement.ConcessionViews.ApprovalView;
import dev.arrears.arrangement.Settlements;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Maker-checker approvals over JSON: the queue of requests (settlements, waivers) and the checker's decision. The
 * checker must not be the maker, and must hold a role whose limit covers the amount given away (403 otherwise).
 */
@RestController
@RequestMapping("/api/v1/approvals")
@Tag(name = "Approvals", description = "Approve or reject settlements and waivers (maker-checker)")
class ApprovalController {

    enum State { PENDING, APPROVED, REJECTED }

    /** Body of {@code POST /api/v1/approvals/{id}/approve|reject}. */
    record DecisionRequest(String note) {
    }

    record ApprovalJson(long id, String kind, long subjectId, long accountId, String amount, String currency,
                        String requiredRole, String state, String maker, Instant madeAt, String checker,
                        Instant decidedAt, String note) {

        static ApprovalJson of(ApprovalView a) {
            return new ApprovalJson(a.id(), a.kind(), a.subjectId(), a.accountId(),
                    Amounts.format(a.amountMinor(), a.currency()), a.currency(), a.requiredRole(), a.state(),
                    a.maker(), a.madeAt(), a.checker(), a.decidedAt(), a.note());
        }
    }

    private final Settlements settlements;

    ApprovalController(Settlements settlements) {
        this.settlements = settlements;
    }

    @GetMapping
    @Operation(summary = "List requests for approval by state (PENDING oldest first), at most size")
    List<ApprovalJson> approvals(@RequestParam(name = "state", required = false) String state,
                                 @RequestParam(name = "size", required = false) String size) {
        Parameters p = new Parameters();
        State s = p.oneOf("state", state, State.class);
        int limit = p.integer("size", size, 100, 1, 1000);
        p.check();
        return settlements.approvals(s == null ? null : s.name(), limit).stream().map(ApprovalJson::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show one request for approval")
    ApprovalJson approval(@PathVariable("id") String id) {
        long approvalId = Amounts.id("id", id);
        return settlements.approval(approvalId).map(ApprovalJson::of)
                .orElseThrow(() -> new NotFoundException("No approval with id " + approvalId));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve: a waiver is applied at once, a settlement is offered to the customer")
    ApprovalJson approve(@PathVariable("id") String id, @RequestBody(required = false) DecisionRequest body,
                         Authentication who) {
        return ApprovalJson.of(settlements.approve(Amounts.id("id", id), who.getName(), roles(who),
                body == null ? null : body.note()));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject a request")
    ApprovalJson reject(@PathVariable("id") String id, @RequestBody(required = false) DecisionRequest body,
                        Authentication who) {
        return ApprovalJson.of(settlements.reject(Amounts.id("id", id), who.getName(), roles(who),
                body == null ? null : body.note()));
    }

    private static List<String> roles(Authentication who) {
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a).toList();
    }
}
