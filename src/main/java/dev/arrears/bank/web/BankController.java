package dev.arrears.bank.web;

import dev.arrears.bank.BankReconciliation;
import dev.arrears.bank.BankViews.EntryState;
import dev.arrears.bank.BankViews.EntryView;
import dev.arrears.bank.BankViews.ImportOutcome;
import dev.arrears.bank.BankViews.ImportView;
import dev.arrears.bank.BankViews.Page;
import dev.arrears.bank.domain.CamtKind;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Money;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * Bank reconciliation over HTTP. {@code POST /api/v1/imports/camt053} and {@code …/camt054} take a camt file as
 * the multipart part {@code file} or as the raw XML body (its name in {@code ?fileName=}): 201 with what the import
 * did, 200 with {@code alreadyImported} when the same file came before (nothing posted), a 400 problem with the
 * line and column of each problem otherwise (nothing posted). {@code /api/v1/bank/imports} lists imports and
 * {@code /api/v1/bank/unmatched} the entries of a state (UNMATCHED by default), which a person resolves to an
 * account or dismisses; an entry in another state answers 409.
 */
@RestController
@Tag(name = "Bank reconciliation", description = "camt.053/camt.054 imports and the unmatched queue")
class BankController {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> RESOLVE_FIELDS = Set.of("accountRef", "billRef", "note");
    private static final Set<String> DISMISS_FIELDS = Set.of("reason");
    private static final int DEFAULT_SIZE = 50;
    private static final int MAX_SIZE = 500;

    private final BankReconciliation bank;

    BankController(BankReconciliation bank) {
        this.bank = bank;
    }

    @PostMapping(path = "/api/v1/imports/camt053", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a camt.053 statement sent as the multipart part 'file'")
    ResponseEntity<ImportJson> camt053Part(@RequestPart("file") MultipartFile file, Principal principal) {
        return importPart(CamtKind.CAMT053, file, principal);
    }

    @PostMapping(path = "/api/v1/imports/camt053")
    @Operation(summary = "Import a camt.053 statement sent as the raw XML body (name in ?fileName=)")
    ResponseEntity<ImportJson> camt053Body(@RequestParam(name = "fileName", required = false) String fileName,
                                           InputStream body, Principal principal) {
        return importBody(CamtKind.CAMT053, fileName, body, principal);
    }

    @PostMapping(path = "/api/v1/imports/camt054", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a camt.054 notification sent as the multipart part 'file'")
    ResponseEntity<ImportJson> camt054Part(@RequestPart("file") MultipartFile file, Principal principal) {
        return importPart(CamtKind.CAMT054, file, principal);
    }

    @PostMapping(path = "/api/v1/imports/camt054")
    @Operation(summary = "Import a camt.054 notification sent as the raw XML body (name in ?fileName=)")
    ResponseEntity<ImportJson> camt054Body(@RequestParam(name = "fileName", required = false) String fileName,
                                           InputStream body, Principal principal) {
        return importBody(CamtKind.CAMT054, fileName, body, principal);
    }

    private ResponseEntity<ImportJson> importPart(CamtKind kind, MultipartFile file, Principal principal) {
        try (InputStream in = file.getInputStream()) {
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                    ? kind.code() + ".xml" : file.getOriginalFilename();
            return imported(bank.importFile(kind, name, in, actor(principal)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file", e);
        }
    }

    private ResponseEntity<ImportJson> importBody(CamtKind kind, String fileName, InputStream body,
                                                  Principal principal) {
        String name = Parameters.present(fileName) ? fileName.strip() : kind.code() + ".xml";
        return imported(bank.importFile(kind, name, body, actor(principal)));
    }

    @GetMapping("/api/v1/bank/imports")
    @Operation(summary = "List camt imports, newest first")
    PageJson<ImportJson> imports(@RequestParam(name = "page", required = false) String page,
                                 @RequestParam(name = "size", required = false) String size) {
        Parameters parameters = new Parameters();
        int p = parameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        parameters.check();
        Page<ImportView> result = bank.imports(p, s);
        return new PageJson<>(result.items().stream().map(v -> ImportJson.of(v, false, null)).toList(),
                result.page(), result.size(), result.total());
    }

    @GetMapping("/api/v1/bank/imports/{id}")
    @Operation(summary = "Show one camt import")
    ImportJson importOne(@PathVariable("id") String id) {
        return ImportJson.of(bank.importView(id("id", id)), false, null);
    }

    @GetMapping("/api/v1/bank/unmatched")
    @Operation(summary = "List bank entries in a state (UNMATCHED by default; ALL for every state), oldest first")
    PageJson<EntryJson> entries(@RequestParam(name = "state", required = false) String state,
                                @RequestParam(name = "importId", required = false) String importId,
                                @RequestParam(name = "page", required = false) String page,
                                @RequestParam(name = "size", required = false) String size) {
        Parameters parameters = new Parameters();
        boolean all = state != null && state.strip().equalsIgnoreCase("ALL");
        EntryState entryState = all ? null : parameters.oneOf("state", state, EntryState.class);
        Long fromImport = parameters.id("importId", importId);
        int p = parameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        parameters.check();
        if (!all && entryState == null) {
            entryState = EntryState.UNMATCHED;
        }
        Page<EntryView> result = bank.entries(entryState, fromImport, p, s);
        return new PageJson<>(result.items().stream().map(EntryJson::of).toList(), result.page(), result.size(),
                result.total());
    }

    @GetMapping("/api/v1/bank/unmatched/{id}")
    @Operation(summary = "Show one bank entry")
    EntryJson entry(@PathVariable("id") String id) {
        return EntryJson.of(bank.entry(id("id", id)));
    }

    @PostMapping("/api/v1/bank/unmatched/{id}/resolve")
    @Operation(summary = "Post an unmatched credit to an account: {\"accountRef\": \"…\", \"billRef\": \"…\" "
            + "(optional), \"note\": \"…\" (optional)}; 409 unless UNMATCHED")
    EntryJson resolve(@PathVariable("id") String id, @RequestBody(required = false) byte[] body,
                      Principal principal) {
        long entryId = id("id", id);
        JsonNode json = object(body, RESOLVE_FIELDS);
        List<FieldError> errors = new ArrayList<>();
        String accountRef = text(json, "accountRef", errors);
        String billRef = text(json, "billRef", errors);
        String note = text(json, "note", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return EntryJson.of(bank.resolve(entryId, accountRef, billRef, note, actor(principal)));
    }

    @PostMapping("/api/v1/bank/unmatched/{id}/dismiss")
    @Operation(summary = "Set an unmatched entry aside: {\"reason\": \"…\"}; 409 unless UNMATCHED or RETURN_UNMATCHED")
    EntryJson dismiss(@PathVariable("id") String id, @RequestBody(required = false) byte[] body,
                      Principal principal) {
        long entryId = id("id", id);
        JsonNode json = object(body, DISMISS_FIELDS);
        List<FieldError> errors = new ArrayList<>();
        String reason = text(json, "reason", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return EntryJson.of(bank.dismiss(entryId, reason, actor(principal)));
    }

    private static ResponseEntity<ImportJson> imported(ImportOutcome outcome) {
        ImportView v = outcome.imported();
        String detail = outcome.alreadyImported() ? "this file (SHA-256 " + v.sha256() + ") was imported as import "
                + v.id() + " at " + v.importedAt() + "; nothing was posted" : null;
        return ResponseEntity.status(outcome.alreadyImported() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(ImportJson.of(v, outcome.alreadyImported(), detail));
    }

    private static String actor(Principal principal) {
        return principal == null || principal.getName() == null ? "anonymous" : principal.getName();
    }

    private static long id(String name, String text) {
        Parameters parameters = new Parameters();
        Long id = parameters.id(name, text);
        parameters.required(name, id, "42");
        parameters.check();
        return id;
    }

    /** Parses a body that must be one JSON object with only the known fields. */
    private static JsonNode object(byte[] body, Set<String> fields) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(FieldError.at("", "the request body is empty: send a JSON object"));
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the request body is not valid JSON: "
                    + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(FieldError.at("", "must be a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                errors.add(FieldError.at("/" + name, "unknown field; allowed: "
                        + String.join(", ", fields.stream().sorted().toList())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return node;
    }

    /** Returns a string field, null when absent, null or blank. */
    private static String text(JsonNode node, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(FieldError.at("/" + field, "must be a string"));
            return null;
        }
        return value.asString().isBlank() ? null : value.asString().strip();
    }

    record PageJson<T>(List<T> items, int page, int size, long total) {
    }

    /** An import as JSON; {@code detail} says why nothing was posted when {@code alreadyImported}. */
    record ImportJson(long id, String fileName, String sha256, String kind, String schema, String messageId,
                      boolean alreadyImported, String detail, int entries, int credits, int returns, int notBooked,
                      int debitsIgnored, int duplicates, int posted, int unmatched, int reversed, String importedBy,
                      Instant importedAt) {
        static ImportJson of(ImportView v, boolean alreadyImported, String detail) {
            return new ImportJson(v.id(), v.fileName(), v.sha256(), v.kind(), v.schema(), v.messageId(),
                    alreadyImported, detail, v.entries(), v.credits(), v.returns(), v.notBooked(), v.debitsIgnored(),
                    v.duplicates(), v.posted(), v.unmatched(), v.reversed(), v.importedBy(), v.importedAt());
        }
    }

    /** An entry as JSON: the amount is a decimal string in major units beside its currency. */
    record EntryJson(long id, long importId, String kind, String state, String bankAccount, String servicerRef,
                     int entryNumber, int txNumber, String amount, String currency, LocalDate bookingDate,
                     LocalDate valueDate, String endToEndId, String debtorName, String structuredRef,
                     String remittance, String rule, BigDecimal confidence, String accountRef, String billRef,
                     String reason, String paymentRef, String decidedBy, Instant decidedAt, String note) {
        static EntryJson of(EntryView v) {
            return new EntryJson(v.id(), v.importId(), v.kind().name(), v.state().name(), v.bankAccount(),
                    v.servicerRef(), v.entryNumber(), v.txNumber(),
                    Money.format(v.amountMinor(), Currency.getInstance(v.currency())), v.currency(), v.bookingDate(),
                    v.valueDate(), v.endToEndId(), v.debtorName(), v.structuredRef(), v.remittance(), v.rule(),
                    v.confidence(), v.accountRef(), v.billRef(), v.reason(), v.paymentRef(), v.decidedBy(),
                    v.decidedAt(), v.note());
        }
    }
}
