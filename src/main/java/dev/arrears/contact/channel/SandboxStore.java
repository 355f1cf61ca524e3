package dev.arrears.contact.channel;

import dev.arrears.contact.ContactViews;
import dev.arrears.contact.ContactViews.OutboxFilter;
import dev.arrears.contact.ContactViews.OutboxMessage;
import dev.arrears.ledger.Views.Page;
import dev.arrears.shared.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox outbox's table: the sandbox senders write what they accept in a transaction of their own (a provider
 * keeps what it accepted whatever becomes of the caller), and the outbox API reads it.
 */
@Component
public class SandboxStore {

    private static final String COLUMNS = """
            select id, contact_key, channel, account_id, customer_id, recipient, locale, subject, body_text, body_html,
                   payload, document, segments, message_id, provider_id, accepted_at, pdf is not null
            from sandbox_message""";

    private final JdbcClient jdbc;
    private final TransactionTemplate own;

    SandboxStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A PDF a sandbox message carries: a letter, or an e-mail's attachment. */
    record Pdf(String fileName, byte[] bytes) {
    }

    /** A sandbox message's PDF with the customer it concerns. */
    public record StoredPdf(String fileName, byte[] bytes, long customerId) {
    }

    /** Stores accepted messages in one statement and commits them at once; returns their provider ids in order. */
    List<String> accept(List<OutboundMessage> messages, Instant at) {
        return accept(messages, java.util.Collections.nCopies(messages.size(), null), at);
    }

    /**
     * Stores accepted messages with their PDFs (null where a message has none) and commits them at once; returns
     * their provider ids in order.
     */
    List<String> accept(List<OutboundMessage> messages, List<Pdf> pdfs, Instant at) {
        int n = messages.size();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "sandbox-" + UUID.randomUUID();
        }
        own.executeWithoutResult(status -> {
            jdbc.sql("""
                        insert into sandbox_message (contact_key, channel, account_id, customer_id, recipient, locale,
                            subject, body_text, body_html, payload, document, segments, message_id, provider_id,
                            accepted_at)
                        select u.*, ?::timestamptz from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[],
                            ?::text[]) as u""")
                    .params(Timestamp.from(at),
                            messages.stream().map(OutboundMessage::contactKey).toArray(String[]::new),
                            messages.stream().map(m -> m.channel().name()).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::accountId).toArray(Long[]::new),
                            messages.stream().map(OutboundMessage::customerId).toArray(Long[]::new),
                            messages.stream().map(OutboundMessage::recipient).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::locale).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::subject).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::text).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::html).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::payload).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::document).toArray(String[]::new),
                            messages.stream().map(OutboundMessage::segments).toArray(Integer[]::new),
                            messages.stream().map(OutboundMessage::messageId).toArray(String[]::new),
                            ids)
                    .update();
            for (int i = 0; i < n; i++) {
                Pdf pdf = pdfs.get(i);
                if (pdf != null) {
                    jdbc.sql("""
                                    update sandbox_message set pdf = ?, pdf_name = ?
                                    where contact_key = ? and channel = ? and provider_id = ?""")
                            .params(pdf.bytes(), pdf.fileName(), messages.get(i).contactKey(),
                                    messages.get(i).channel().name(), ids[i])
                            .update();
                }
            }
        });
        return List.of(ids);
    }

    /** Returns what the sandbox accepted for a contact key on a channel. */
    ProviderRecord lookup(String contactKey, Channel channel) {
        List<String> ids = jdbc.sql("select provider_id from sandbox_message where contact_key = ? and channel = ?"
                        + " order by id")
                .params(contactKey, channel.name()).query(String.class).list();
        return ids.isEmpty() ? ProviderRecord.ABSENT : new ProviderRecord(ProviderRecord.Known.ACCEPTED, ids);
    }

    /** Lists sandbox messages, newest first. */
    public Page<OutboxMessage> messages(OutboxFilter filter) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (filter.channel() != null) {
            where.append(" and channel = ?");
            params.add(filter.channel().name());
        }
        if (filter.accountId() != null) {
            where.append(" and account_id = ?");
            params.add(filter.accountId());
        }
        long total = jdbc.sql("select count(*) from sandbox_message" + where).params(params).query(Long.class)
                .single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(filter.size());
        paged.add((long) filter.page() * filter.size());
        List<OutboxMessage> items = jdbc.sql(COLUMNS + where + " order by id desc limit ? offset ?").params(paged)
                .query(SandboxStore::row).list();
        return new Page<>(items, filter.page(), filter.size(), total);
    }

    /** Lists sandbox messages, newest first, with their job's status (latest receipt, else state); see Outbox. */
    public Page<ContactViews.OutboxEntry> entries(OutboxFilter filter, String status) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (filter.channel() != null) {
            where.append(" and m.channel = ?");
            params.add(filter.channel().name());
        }
        if (filter.accountId() != null) {
            where.append(" and m.account_id = ?");
            params.add(filter.accountId());
        }
        if (status != null) {
            where.append(" and coalesce(j.delivery, j.state) = ?");
            params.add(status);
        }
        String from = " from sandbox_message m left join dispatch_job j on j.idempotency_key = m.contact_key";
        long total = jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(filter.size());
        paged.add((long) filter.page() * filter.size());
        List<ContactViews.OutboxEntry> items = jdbc.sql("""
                        select m.id, m.contact_key, m.channel, m.account_id, m.customer_id, m.recipient, m.locale,
                               m.subject, m.body_text, m.body_html, m.payload, m.document, m.segments, m.message_id,
                               m.provider_id, m.accepted_at, m.pdf is not null, j.id, coalesce(j.delivery, j.state)"""
                        + from + where + " order by m.id desc limit ? offset ?").params(paged)
                .query((rs, n) -> new ContactViews.OutboxEntry(row(rs, n), (Long) rs.getObject(18),
                        rs.getString(19))).list();
        return new Page<>(items, filter.page(), filter.size(), total);
    }

    /** Returns one sandbox message. */
    public Optional<OutboxMessage> message(long id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(SandboxStore::row).optional();
    }

    /** Returns the PDF of a sandbox message (a letter, an e-mail's attachment), empty when it has none. */
    public Optional<StoredPdf> pdf(long id) {
        return jdbc.sql("select pdf_name, pdf, customer_id from sandbox_message where id = ? and pdf is not null")
                .param(id).query((rs, n) -> new StoredPdf(rs.getString(1), rs.getBytes(2), rs.getLong(3)))
                .optional();
    }

    /** Counts the messages the sandbox accepted for a contact key on any channel. */
    public long count(String contactKey) {
        return jdbc.sql("select count(*) from sandbox_message where contact_key = ?").param(contactKey)
                .query(Long.class).single();
    }

    private static OutboxMessage row(ResultSet rs, int n) throws SQLException {
        return new OutboxMessage(rs.getLong(1), rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getLong(4),
                rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), (Integer) rs.getObject(13), rs.getString(14), rs.getString(15),
                rs.getTimestamp(16).toInstant(), rs.getBoolean(17) ? "/api/v1/outbox/" + rs.getLong(1) + "/pdf" : null);
    }
}
