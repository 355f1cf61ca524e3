package dev.arrears.contact.web;

import dev.arrears.contact.ContactViews.OutboxFilter;
import dev.arrears.contact.ContactViews.OutboxMessage;
import dev.arrears.contact.Outbox;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.Channel;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.Parameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** The sandbox outbox over JSON: what each channel in sandbox mode would have sent, newest first. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Outbox", description = "The sandbox outbox: rendered SMS, e-mail, push and letters")
class OutboxController {

    private final Outbox outbox;

    OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/outbox")
    @Operation(summary = "List sandbox messages, newest first, filtered by channel and account")
    Page<OutboxMessage> messages(@RequestParam(name = "channel", required = false) String channel,
                                 @RequestParam(name = "account", required = false) String account,
                                 @RequestParam(name = "page", required = false) String page,
                                 @RequestParam(name = "size", required = false) String size) {
        Parameters p = new Parameters();
        Channel c = p.oneOf("channel", channel, Channel.class);
        if (c == Channel.CALL || c == Channel.VISIT) {
            p.problem("channel", "'" + channel + "' is not one of SMS, EMAIL, PUSH, LETTER");
        }
        OutboxFilter filter = new OutboxFilter(c, p.id("account", account), p.integer("page", page, 0, 0, 1_000_000),
                p.integer("size", size, 50, 1, 500));
        p.check();
        return outbox.messages(filter);
    }

    @GetMapping("/outbox/{id}")
    @Operation(summary = "Show one sandbox message as the channel would have carried it")
    OutboxMessage message(@PathVariable("id") String id, Principal who) {
        long messageId = Paths.id(id);
        return outbox.message(messageId, who == null ? null : who.getName())
                .orElseThrow(() -> new NotFoundException("No outbox message with id " + messageId));
    }

    @GetMapping("/outbox/{id}/pdf")
    @Operation(summary = "Download the PDF of a sandbox message: a letter, or an e-mail's bill attachment")
    ResponseEntity<byte[]> pdf(@PathVariable("id") String id, Principal who) {
        long messageId = Paths.id(id);
        return LetterController.file(outbox.pdf(messageId, who == null ? null : who.getName())
                .orElseThrow(() -> new NotFoundException("No outbox message with id " + messageId
                        + " that carries a PDF (letters and e-mails with the bill attached do)")),
                MediaType.APPLICATION_PDF);
    }
}
