package dev.arrears.contact.template;

import dev.arrears.shared.Channel;

import java.util.List;
import java.util.Map;

/**
 * The disclosure lines a message carries, by jurisdiction, channel and locale. Every SMS and e-mail carries an
 * opt-out line in every jurisdiction (Reg F 12 CFR 1006.6(e) requires it for US-REGF; elsewhere it is good practice
 * and what Chinese operators expect of bulk SMS); e-mails add the opt-out link. Under US-REGF every communication
 * says it is from a debt collector (FDCPA 807(11), 12 CFR 1006.18(e)): the short form in SMS, push and calls, the
 * full form (the "mini-Miranda") in e-mails and letters. Under UK-FCA e-mails, letters and calls point to free debt
 * advice (CONC 7.3.7AR and 7.5.2R, MoneyHelper). Lines a case does not need are empty, so a template that writes
 * {@code {{disclosures.debtCollector}}} is right in every jurisdiction.
 */
public final class Disclosures {

    /** The jurisdictions with lines of their own; any other (and none) gets the opt-out line only. */
    public static final List<String> WITH_TEXT = List.of("US-REGF", "UK-FCA");

    private static final Map<String, String> OPT_OUT_SMS = Map.of(
            "zh-CN", "回复TD退订",
            "zh-TW", "回覆STOP停止接收",
            "en", "Reply STOP to opt out");
    private static final Map<String, String> OPT_OUT_EMAIL = Map.of(
            "zh-CN", "退订此类邮件",
            "zh-TW", "取消訂閱此類郵件",
            "en", "Unsubscribe from these e-mails");
    private static final Map<String, String> DEBT_COLLECTOR_SHORT = Map.of(
            "zh-CN", "本信息来自债务催收方。",
            "zh-TW", "本訊息來自債務催收方。",
            "en", "This is a communication from a debt collector.");
    private static final Map<String, String> DEBT_COLLECTOR_CALL = Map.of(
            "zh-CN", "本次通话来自债务催收方。",
            "zh-TW", "本次通話來自債務催收方。",
            "en", "This call is from a debt collector.");
    private static final Map<String, String> DEBT_COLLECTOR_EMAIL = Map.of(
            "zh-CN", "本邮件来自债务催收方，目的是催收债务，所获取的任何信息都将用于该目的。",
            "zh-TW", "本郵件來自債務催收方，目的在於催收債務，所取得的任何資訊均將用於此目的。",
            "en", "This is a communication from a debt collector. This is an attempt to collect a debt, and any "
                    + "information obtained will be used for that purpose.");
    private static final Map<String, String> DEBT_COLLECTOR_LETTER = Map.of(
            "zh-CN", "本函来自债务催收方，目的是催收债务，所获取的任何信息都将用于该目的。",
            "zh-TW", "本函來自債務催收方，目的在於催收債務，所取得的任何資訊均將用於此目的。",
            "en", "This is a communication from a debt collector. This is an attempt to collect a debt, and any "
                    + "information obtained will be used for that purpose.");
    private static final Map<String, String> DEBT_ADVICE = Map.of(
            "zh-CN", "您可以从 MoneyHelper 获得免费、中立的债务咨询：www.moneyhelper.org.uk，电话 0800 138 7777。",
            "zh-TW", "您可以向 MoneyHelper 取得免費、中立的債務諮詢：www.moneyhelper.org.uk，電話 0800 138 7777。",
            "en", "Free and impartial debt advice is available from MoneyHelper: www.moneyhelper.org.uk or "
                    + "0800 138 7777.");

    private Disclosures() {
    }

    /**
     * The lines for one message; empty strings where none applies.
     *
     * @param optOut        the opt-out line (SMS, e-mail)
     * @param optOutLink    the opt-out link (e-mail)
     * @param debtCollector the debt collector notice (US-REGF)
     * @param debtAdvice    where to find free debt advice (UK-FCA)
     */
    public record Lines(String optOut, String optOutLink, String debtCollector, String debtAdvice) {
    }

    /** Returns the lines for a message of a channel in a locale under a jurisdiction (null or empty: none). */
    public static Lines of(String jurisdiction, Channel channel, String locale, String optOutLink) {
        String optOut = switch (channel) {
            case SMS -> OPT_OUT_SMS.get(locale);
            case EMAIL -> OPT_OUT_EMAIL.get(locale);
            default -> "";
        };
        String link = channel == Channel.EMAIL ? optOutLink : "";
        String debtCollector = "";
        String debtAdvice = "";
        if ("US-REGF".equals(jurisdiction)) {
            debtCollector = switch (channel) {
                case EMAIL -> DEBT_COLLECTOR_EMAIL.get(locale);
                case LETTER -> DEBT_COLLECTOR_LETTER.get(locale);
                case CALL -> DEBT_COLLECTOR_CALL.get(locale);
                default -> DEBT_COLLECTOR_SHORT.get(locale);
            };
        } else if ("UK-FCA".equals(jurisdiction)
                && (channel == Channel.EMAIL || channel == Channel.LETTER || channel == Channel.CALL)) {
            debtAdvice = DEBT_ADVICE.get(locale);
        }
        return new Lines(orEmpty(optOut), orEmpty(link), orEmpty(debtCollector), orEmpty(debtAdvice));
    }

    /** Returns true when the channel's messages carry an opt-out line the compliance guard checks. */
    public static boolean optOutChannel(Channel channel) {
        return channel == Channel.SMS || channel == Channel.EMAIL;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
