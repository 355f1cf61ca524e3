package dev.arrears.contact.channel;

import dev.arrears.shared.Money;
import org.springframework.stereotype.Component;

import java.util.Currency;

/**
 * PROVISIONAL, replaced at merge by the template module's renderer: writes the template name, the account and its
 * figures, and an opt-out line, in plain English for every locale. Enough to see dispatch work end to end.
 */
@Component
class ProvisionalRenderer implements MessageRenderer {

    @Override
    public Rendered render(RenderInput in) {
        String template = in.template() == null ? "(no template)" : in.template();
        String overdue = Money.format(in.overdueMinor(), Currency.getInstance(in.currency())) + " " + in.currency();
        String balance = Money.format(in.balanceMinor(), Currency.getInstance(in.currency())) + " " + in.currency();
        String line = "[" + template + "] Account " + in.accountId() + ": balance " + balance + ", overdue " + overdue
                + (in.daysPastDue() > 0 ? " (" + in.daysPastDue() + " days past due)" : "")
                + (in.oldestOpenDue() != null ? ", due " + in.oldestOpenDue() : "") + ".";
        return switch (in.channel()) {
            case SMS -> new Rendered(null, line + " Reply STOP to opt out.", null, null, null, true, 1);
            case EMAIL -> new Rendered("Payment reminder for account " + in.accountId(),
                    "Dear " + in.customerName() + ",\n\n" + line + "\n\nTo stop these e-mails, use the opt-out link.",
                    "<p>Dear " + escape(in.customerName()) + ",</p><p>" + escape(line)
                            + "</p><p><a href=\"/optout/" + escape(in.contactKey()) + "\">Opt out</a></p>",
                    null, null, true, 0);
            case PUSH -> new Rendered("Payment reminder", line, null,
                    "{\"title\":\"Payment reminder\",\"body\":\"" + json(line) + "\",\"accountId\":" + in.accountId()
                            + ",\"template\":\"" + json(template) + "\"}", null, false, 0);
            case LETTER -> new Rendered("Payment reminder", line, null, null, "letters/" + in.contactKey() + ".pdf",
                    false, 0);
            default -> throw new IllegalArgumentException("no message for channel " + in.channel());
        };
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
