package dev.arrears.contact.channel;

import dev.arrears.contact.Portal;
import dev.arrears.contact.RenderContext;
import dev.arrears.contact.RenderedMessage;
import dev.arrears.contact.Templates;
import dev.arrears.contact.template.Locales;
import dev.arrears.ledger.Ledger;
import dev.arrears.ledger.Views.BillView;
import dev.arrears.ledger.Views.OpenBills;
import dev.arrears.shared.Channel;
import dev.arrears.shared.Money;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders dispatch's messages with the active version of their template ({@link Templates}): the context is built
 * from the figures dispatch already holds and, where the template uses them, the accounts' open bills with their
 * lines (and the account number), read once per batch; the payment and e-mail opt-out links are fresh portal
 * tokens. An SMS over its template's segment limit, an unknown template or a template without a version for the
 * channel throws, which dispatch treats as a permanent failure.
 */
@Component
class TemplateRenderer implements MessageRenderer {

    private final Templates templates;
    private final Portal portal;
    private final Ledger ledger;

    TemplateRenderer(Templates templates, Portal portal, Ledger ledger) {
        this.templates = templates;
        this.portal = portal;
        this.ledger = ledger;
    }

    /** The creditor as each locale names it, and its phone: read from the configuration once per batch. */
    private final class Creditor {

        private final Map<String, String> names = new HashMap<>();
        private final String phone = templates.creditorPhone();

        String name(String locale) {
            return names.computeIfAbsent(locale, templates::creditorName);
        }
    }

    @Override
    public Rendered render(RenderInput input) {
        return renderAll(List.of(input)).getFirst();
    }

    /**
     * Renders with each template's active version, pinned for the batch; reads the open bills, once, only of the
     * accounts whose message uses them (an SMS that names the amount and the link does not).
     */
    @Override
    public List<Rendered> renderAll(List<RenderInput> inputs) {
        long[] versions = new long[inputs.size()];
        List<Long> withBills = new ArrayList<>();
        for (int i = 0; i < versions.length; i++) {
            versions[i] = version(inputs.get(i));
            if (templates.readsBills(versions[i])) {
                withBills.add(inputs.get(i).accountId());
            }
        }
        Map<Long, OpenBills> bills = withBills.isEmpty() ? Map.of() : ledger.openBills(withBills);
        Creditor creditor = new Creditor();
        List<Rendered> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < versions.length; i++) {
            RenderInput input = inputs.get(i);
            out.add(render(input, versions[i], bills.get(input.accountId()), creditor));
        }
        return out;
    }

    /** Returns the active version of the input's template; throws when the step names none or it has none. */
    private long version(RenderInput in) {
        if (in.template() == null || in.template().isBlank()) {
            throw new IllegalArgumentException("the step names no template");
        }
        return templates.activeVersionId(in.template(), in.channel());
    }

    /** Renders with a version; {@code open} is null when the version does not read the bills (or there are none). */
    private Rendered render(RenderInput in, long version, OpenBills open, Creditor creditor) {
        RenderContext context = context(in, open, creditor);
        RenderedMessage m = templates.render(version, context);
        return switch (in.channel()) {
            case SMS -> {
                RenderedMessage.SmsParts sms = m.sms();
                if (!sms.withinLimit()) {
                    throw new IllegalArgumentException("the SMS takes " + sms.segments() + " segments; template "
                            + in.template() + " allows " + sms.maxSegments());
                }
                yield new Rendered(null, m.body(), null, null, null, m.hasOptOut(), sms.segments());
            }
            case EMAIL -> new Rendered(m.subject(), m.text(), m.html(), null, null, m.hasOptOut(), 0,
                    templates.attachesBill(m.versionId()) ? bill(context, in) : null);
            case PUSH -> new Rendered(m.title(), m.body(), null, pushPayload(m, in), null, m.hasOptOut(), 0);
            // the letter carries its XHTML; the channel's sender renders the PDF, known by this reference
            case LETTER -> new Rendered(null, null, m.html(), null, "letters/" + in.contactKey() + ".pdf",
                    m.hasOptOut(), 0);
            case CALL -> new Rendered(null, m.body(), null, null, null, false, 0);
            default -> throw new IllegalArgumentException("no message for channel " + in.channel());
        };
    }

    /**
     * Returns the bill attachment of an e-mail: the {@code bill} letter template rendered for the same context, to be
     * rendered to PDF by the sender, named {@code bill-<account number>.pdf}.
     */
    private Attachment bill(RenderContext context, RenderInput in) {
        String ref = context.account().number() == null || context.account().number().isBlank()
                ? Long.toString(in.accountId()) : context.account().number();
        return new Attachment("bill-" + ref.replaceAll("[^A-Za-z0-9._-]", "-") + ".pdf",
                templates.render(Templates.BILL, Channel.LETTER, context).html());
    }

    /** Builds the template context from dispatch's figures and the account's open bills issued by today. */
    private RenderContext context(RenderInput in, OpenBills open, Creditor creditor) {
        String locale = Locales.closest(in.locale());
        List<RenderContext.Bill> bills = new ArrayList<>();
        if (open != null) {
            for (BillView b : open.bills()) {
                if (!b.issueDate().isAfter(in.today())) {
                    bills.add(new RenderContext.Bill(b.externalRef(), b.issueDate(), b.dueDate(), b.totalMinor(),
                            b.outstandingMinor(), b.lines().stream().map(l -> new RenderContext.Line(l.description(),
                            l.category().name(), l.amountMinor())).toList()));
                }
            }
        }
        // an instalment reminder's link suggests paying the instalment
        String token = in.instalment() == null ? portal.token(in.accountId())
                : portal.token(in.accountId(), Money.ofMinor(in.instalment().amountMinor(), in.currency()));
        String postal = in.channel() == Channel.LETTER ? in.recipient() : "";
        return new RenderContext(locale, in.jurisdiction(), in.today(), in.customerName(), postal,
                new RenderContext.Account(open == null ? "" : open.accountRef(), in.currency(), in.balanceMinor(),
                        in.overdueMinor(), in.daysPastDue(), in.oldestOpenDue()),
                bills, portal.link(token), portal.optOutLink(token, Channel.EMAIL), null,
                creditor.name(locale), creditor.phone, in.instalment(), in.reversal());
    }

    private static String pushPayload(RenderedMessage m, RenderInput in) {
        return "{\"title\":" + json(m.title()) + ",\"body\":" + json(m.body()) + ",\"accountId\":" + in.accountId()
                + ",\"template\":" + json(in.template()) + ",\"locale\":" + json(m.locale()) + "}";
    }

    /** Returns a JSON string literal: quotes, backslashes and control characters escaped. */
    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
