package dev.arrears.contact.channel;

/**
 * A document to attach to a message as a PDF: its file name ({@code bill-ACC-1001.pdf}) and the XHTML it is rendered
 * from by the sender (the sandbox and the SMTP sender alike), so that nothing is rendered for a message the guard
 * does not allow.
 */
public record Attachment(String fileName, String xhtml) {
}
