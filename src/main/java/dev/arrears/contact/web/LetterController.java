package dev.arrears.contact.web;

import dev.arrears.contact.LetterViews.BatchView;
import dev.arrears.contact.LetterViews.LetterState;
import dev.arrears.contact.LetterViews.LetterView;
import dev.arrears.contact.LetterViews.PdfFile;
import dev.arrears.contact.Letters;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * The print queue over HTTP: letters the live letter channel stored, their PDFs, and batches for the printer — the
 * merged PDF in print order, the CSV manifest, and marking a batch printed, then posted.
 */
@RestController
@RequestMapping("/api/v1/letters")
@Tag(name = "Letters", description = "The print queue: rendered PDF letters, batches to print and post")
class LetterController {

    private final Letters letters;

    LetterController(Letters letters) {
        this.letters = letters;
    }

    @GetMapping
    @Operation(summary = "List stored letters, newest first, by state (RENDERED, BATCHED, POSTED, CANCELLED)")
    Page<LetterView> letters(@RequestParam(name = "state", required = false) String state,
                             @RequestParam(name = "page", required = false) String page,
                             @RequestParam(name = "size", required = false) String size) {
        Parameters p = new Parameters();
        LetterState s = p.oneOf("state", state, LetterState.class);
        int pageNumber = p.integer("page", page, 0, 0, 1_000_000);
        int pageSize = p.integer("size", size, 50, 1, 500);
        p.check();
        return letters.letters(s, pageNumber, pageSize);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show one letter (without its PDF)")
    LetterView letter(@PathVariable("id") String id) {
        return letters.letter(Paths.id(id));
    }

    @GetMapping("/{id}/pdf")
    @Operation(summary = "Download one letter's PDF")
    ResponseEntity<byte[]> pdf(@PathVariable("id") String id, Principal who) {
        return file(letters.pdf(Paths.id(id), who == null ? null : who.getName()), MediaType.APPLICATION_PDF);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a letter that waits for a batch (RENDERED); 409 in another state")
    LetterView cancel(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body) {
        long letterId = Paths.id(id);
        String reason = null;
        if (body != null && !body.isNull()) {
            JsonNode r = body.isObject() ? body.get("reason") : null;
            if (!body.isObject() || (r != null && !r.isNull() && !r.isString())) {
                throw new InvalidInputException(FieldError.at(body.isObject() ? "/reason" : "",
                        "the body is optional: {\"reason\": \"text\"}"));
            }
            reason = r == null || r.isNull() ? null : r.asString();
        }
        return letters.cancel(letterId, reason);
    }

    @PostMapping("/batches")
    @Operation(summary = "Take waiting letters, oldest first, into a new batch; body optional {\"maxLetters\": N}")
    ResponseEntity<BatchView> createBatch(@RequestBody(required = false) JsonNode body, Principal who) {
        int max = Letters.MAX_BATCH;
        if (body != null && !body.isNull()) {
            if (!body.isObject()) {
                throw new InvalidInputException(FieldError.at("", "the body must be a JSON object such as "
                        + "{\"maxLetters\": 500}, or empty"));
            }
            for (String key : body.propertyNames()) {
                if (!key.equals("maxLetters")) {
                    throw new InvalidInputException(FieldError.at("/" + key, "unknown key; a batch request has "
                            + "maxLetters only"));
                }
            }
            JsonNode m = body.get("maxLetters");
            if (m != null && !m.isNull()) {
                if (!m.isIntegralNumber() || !m.canConvertToInt() || m.asInt() < 1 || m.asInt() > Letters.MAX_BATCH) {
                    throw new InvalidInputException(FieldError.at("/maxLetters", "must be a whole number from 1 to "
                            + Letters.MAX_BATCH));
                }
                max = m.asInt();
            }
        }
        BatchView batch = letters.createBatch(max, who == null ? null : who.getName());
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION,
                "/api/v1/letters/batches/" + batch.id()).body(batch);
    }

    @GetMapping("/batches")
    @Operation(summary = "List letter batches, newest first")
    Page<BatchView> batches(@RequestParam(name = "page", required = false) String page,
                            @RequestParam(name = "size", required = false) String size) {
        Parameters p = new Parameters();
        int pageNumber = p.integer("page", page, 0, 0, 1_000_000);
        int pageSize = p.integer("size", size, 50, 1, 500);
        p.check();
        return letters.batches(pageNumber, pageSize);
    }

    @GetMapping("/batches/{id}")
    @Operation(summary = "Show one letter batch")
    BatchView batch(@PathVariable("id") String id) {
        return letters.batch(Paths.id(id));
    }

    @GetMapping("/batches/{id}/pdf")
    @Operation(summary = "Download a batch's letters merged into one PDF, in print order")
    ResponseEntity<byte[]> batchPdf(@PathVariable("id") String id) {
        return file(letters.batchPdf(Paths.id(id)), MediaType.APPLICATION_PDF);
    }

    @GetMapping("/batches/{id}/manifest.csv")
    @Operation(summary = "Download a batch's manifest: position, letter id, recipient, address, pages, SHA-256")
    ResponseEntity<byte[]> manifest(@PathVariable("id") String id) {
        return file(letters.manifest(Paths.id(id)), new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    @PostMapping("/batches/{id}/printed")
    @Operation(summary = "Mark an OPEN batch printed; 409 in another state")
    BatchView printed(@PathVariable("id") String id, Principal who) {
        return letters.printed(Paths.id(id), who == null ? null : who.getName());
    }

    @PostMapping("/batches/{id}/posted")
    @Operation(summary = "Mark a PRINTED batch and its letters posted; 409 in another state")
    BatchView posted(@PathVariable("id") String id, Principal who) {
        return letters.posted(Paths.id(id), who == null ? null : who.getName());
    }

    /** Returns a file download with its name. */
    static ResponseEntity<byte[]> file(PdfFile file, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(file.fileName(),
                        StandardCharsets.UTF_8).build().toString())
                .body(file.bytes());
    }
}
