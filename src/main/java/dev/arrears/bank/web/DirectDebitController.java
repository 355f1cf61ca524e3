package dev.arrears.bank.web;

import dev.arrears.bank.DebitViews.BatchDetail;
import dev.arrears.bank.DebitViews.BatchView;
import dev.arrears.bank.DebitViews.InstructionView;
import dev.arrears.bank.DebitViews.MandateView;
import dev.arrears.bank.DebitViews.NewMandate;
import dev.arrears.bank.DebitViews.Scheme;
import dev.arrears.bank.DirectDebits;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Auto-debit mandates and direct debit batches over JSON (docs/bank.md, "Direct debits"): record, list and revoke
 * an account's mandates; prepare the pain.008 file of a collection date, download it, mark it submitted and
 * collected (which posts the payments); apply a return of the debtor's bank by end-to-end id. Amounts are decimal
 * strings beside their currency; every bad input is a 400 problem naming its field.
 */
@RestController
@Tag(name = "Direct debits", description = "Mandates, pain.008 collection files, collections and returns")
class DirectDebitController {

    private static final int DEFAULT_SIZE = 50;
    private static final int MAX_SIZE = 500;

    /** Body of {@code POST /api/v1/accounts/{id}/mandates}. */
    record MandateRequest(String reference, String scheme, String debtorName, String debtorIban, String debtorBic,
                          String agreementId, String signedOn) {
    }

    record RevokeRequest(String reason) {
    }

    record PrepareRequest(String collectionDate) {
    }

    record ReturnRequest(String endToEndId, String reason) {
    }

    record MandateJson(long id, String reference, long accountId, String accountRef, String scheme,
                       String debtorName, String debtorIban, String debtorBic, String agreementId, String status,
                       LocalDate signedOn, String createdBy, Instant createdAt, String revokedBy, Instant revokedAt,
                       String revokeReason) {
        static MandateJson of(MandateView m) {
            return new MandateJson(m.id(), m.reference(), m.accountId(), m.accountRef(), m.scheme().name(),
                    m.debtorName(), m.debtorIbanMasked(), m.debtorBic(), m.agreementId(), m.status().name(),
                    m.signedOn(), m.createdBy(), m.createdAt(), m.revokedBy(), m.revokedAt(), m.revokeReason());
        }
    }

    record CollectionJson(long id, String endToEndId, long batchId, String mandateRef, long accountId,
                          String accountRef, String billRef, String amount, String currency, String sequence,
                          String status, Long paymentId, String returnReason, Instant returnedAt) {
        static CollectionJson of(InstructionView i) {
            return new CollectionJson(i.id(), i.endToEndId(), i.batchId(), i.mandateRef(), i.accountId(),
                    i.accountRef(), i.billRef(), Money.format(i.amountMinor(), Currency.getInstance(i.currency())),
                    i.currency(), i.sequence(), i.status().name(), i.paymentId(), i.returnReason(), i.returnedAt());
        }
    }

    record BatchJson(long id, String messageId, LocalDate collectionDate, int transactions,
                     Map<String, String> controlSums, String status, String createdBy, Instant createdAt,
                     String submittedBy, Instant submittedAt, String collectedBy, Instant collectedAt,
                     String file, List<CollectionJson> collections) {
        static BatchJson of(BatchView b, List<InstructionView> collections) {
            return new BatchJson(b.id(), b.messageId(), b.collectionDate(), b.transactions(), b.controlSums(),
                    b.status().name(), b.createdBy(), b.createdAt(), b.submittedBy(), b.submittedAt(),
                    b.collectedBy(), b.collectedAt(), "/api/v1/direct-debits/batches/" + b.id() + "/pain.008",
                    collections == null ? null : collections.stream().map(CollectionJson::of).toList());
        }

        static BatchJson of(BatchDetail d) {
            return of(d.batch(), d.instructions());
        }
    }

    /** What a run answers when nothing is due on its date. */
    record NothingJson(LocalDate collectionDate, int transactions, String detail) {
    }

    record PageJson<T>(List<T> items, int page, int size, long total) {
    }

    private final DirectDebits debits;

    DirectDebitController(DirectDebits debits) {
        this.debits = debits;
    }

    @GetMapping("/api/v1/accounts/{accountId}/mandates")
    @Operation(summary = "List an account's auto-debit mandates, newest first (IBANs masked)")
    List<MandateJson> mandates(@PathVariable("accountId") String accountId) {
        return debits.mandates(id("accountId", accountId)).stream().map(MandateJson::of).toList();
    }

    @PostMapping("/api/v1/accounts/{accountId}/mandates")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a mandate: {reference, scheme CORE|B2B, debtorName, debtorIban (or agreementId), "
            + "debtorBic (optional), signedOn}; 409 when the account has an active one or the reference is taken")
    MandateJson create(@PathVariable("accountId") String accountId, @RequestBody(required = false) MandateRequest body,
                       Principal principal) {
        long account = id("accountId", accountId);
        if (body == null) {
            throw new InvalidInputException(FieldError.at("", "the request body is empty: send a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>();
        Scheme scheme = null;
        if (body.scheme() != null && !body.scheme().isBlank()) {
            try {
                scheme = Scheme.valueOf(body.scheme().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.at("/scheme", "must be CORE or B2B"));
            }
        }
        LocalDate signedOn = date("/signedOn", body.signedOn(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return MandateJson.of(debits.createMandate(account, new NewMandate(body.reference(), scheme,
                body.debtorName(), body.debtorIban(), body.debtorBic(), body.agreementId(), signedOn), actor(principal)));
    }

    @GetMapping("/api/v1/mandates/{id}")
    @Operation(summary = "Show one mandate")
    MandateJson mandate(@PathVariable("id") String id) {
        return MandateJson.of(debits.mandate(id("id", id)));
    }

    @PostMapping("/api/v1/mandates/{id}/revoke")
    @Operation(summary = "Revoke a mandate: {\"reason\": \"…\"}; later runs collect nothing under it; 409 if revoked")
    MandateJson revoke(@PathVariable("id") String id, @RequestBody(required = false) RevokeRequest body,
                       Principal principal) {
        long mandateId = id("id", id);
        return MandateJson.of(debits.revoke(mandateId, body == null ? null : body.reason(), actor(principal)));
    }

    @GetMapping("/api/v1/accounts/{accountId}/direct-debits")
    @Operation(summary = "List an account's direct debit collections, newest first")
    List<CollectionJson> collections(@PathVariable("accountId") String accountId) {
        return debits.collections(id("accountId", accountId)).stream().map(CollectionJson::of).toList();
    }

    @PostMapping("/api/v1/direct-debits/batches")
    @Operation(summary = "Prepare the pain.008 file of a collection date ({\"collectionDate\": \"2026-12-05\"}, "
            + "today by default): 201 with the batch, 200 with transactions 0 when nothing is due")
    ResponseEntity<?> prepare(@RequestBody(required = false) PrepareRequest body, Principal principal) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate date = date("/collectionDate", body == null ? null : body.collectionDate(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        LocalDate on = date == null ? debits.today() : date;
        return debits.prepare(on, actor(principal))
                .<ResponseEntity<?>>map(d -> ResponseEntity.status(HttpStatus.CREATED).body(BatchJson.of(d)))
                .orElseGet(() -> ResponseEntity.ok(new NothingJson(on, 0, "nothing to collect on " + on
                        + ": no bill due by then and still owing on an account with an active mandate")));
    }

    @GetMapping("/api/v1/direct-debits/batches")
    @Operation(summary = "List direct debit batches, newest first")
    PageJson<BatchJson> batches(@RequestParam(name = "page", required = false) String page,
                                @RequestParam(name = "size", required = false) String size) {
        Parameters parameters = new Parameters();
        int p = parameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        parameters.check();
        return new PageJson<>(debits.batches(p, s).stream().map(b -> BatchJson.of(b, null)).toList(), p, s,
                debits.batchCount());
    }

    @GetMapping("/api/v1/direct-debits/batches/{id}")
    @Operation(summary = "Show a batch with its collections")
    BatchJson batch(@PathVariable("id") String id) {
        return BatchJson.of(debits.batch(id("id", id)));
    }

    @GetMapping(path = "/api/v1/direct-debits/batches/{id}/pain.008", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Download a batch's pain.008.001.08 file as stored")
    ResponseEntity<String> file(@PathVariable("id") String id) {
        long batchId = id("id", id);
        String xml = debits.file(batchId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"pain008-" + batchId + ".xml\"")
                .body(xml);
    }

    @PostMapping("/api/v1/direct-debits/batches/{id}/submitted")
    @Operation(summary = "Mark a batch as sent to the bank; 409 unless CREATED")
    BatchJson submitted(@PathVariable("id") String id, Principal principal) {
        return BatchJson.of(debits.submitted(id("id", id), actor(principal)));
    }

    @PostMapping("/api/v1/direct-debits/batches/{id}/collected")
    @Operation(summary = "Post a submitted batch's collections as payments once its date has come; 409 otherwise")
    BatchJson collected(@PathVariable("id") String id, Principal principal) {
        return BatchJson.of(debits.collected(id("id", id), actor(principal)));
    }

    @PostMapping("/api/v1/direct-debits/returns")
    @Operation(summary = "Apply a bank's return: {\"endToEndId\": \"…\", \"reason\": \"AM04\"}; a collected payment "
            + "is reversed, a pending collection rejected; 409 when it came back before")
    CollectionJson returned(@RequestBody(required = false) ReturnRequest body, Principal principal) {
        if (body == null) {
            throw new InvalidInputException(FieldError.at("", "the request body is empty: send a JSON object"));
        }
        return CollectionJson.of(debits.returned(body.endToEndId(), body.reason(), actor(principal)));
    }

    private static LocalDate date(String pointer, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.at(pointer, "'" + Parameters.abbreviate(text) + "' is not a date such as 2026-12-05"));
            return null;
        }
    }

    private static long id(String name, String text) {
        Parameters parameters = new Parameters();
        Long id = parameters.id(name, text);
        parameters.required(name, id, "42");
        parameters.check();
        return id;
    }

    private static String actor(Principal principal) {
        return principal == null || principal.getName() == null ? "anonymous" : principal.getName();
    }
}
