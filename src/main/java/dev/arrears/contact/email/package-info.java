/**
 * The e-mail channel over SMTP (Jakarta Mail, Angus): multipart text and HTML messages with our Message-ID and the
 * RFC 8058 one-click unsubscribe headers, sent over one connection per batch ({@link
 * dev.arrears.contact.email.SmtpChannelSender}). Internal to the contact module: the dispatch calls it.
 */
package dev.arrears.contact.email;
