package dev.arrears.contact.reply;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a reply that asks us to stop messaging: the English carrier keywords (STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT, OPTOUT) and the Chinese ones (退订, TD, T, 取消, 退出), alone or followed by a few words, in any
 * case, with full-width letters normalised. Pure and cheap: it runs on every inbound SMS.
 */
public final class StopReplies {

    private static final Set<String> KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "OPTOUT", "OPT-OUT", "TD", "T", "退订", "取消", "退出", "取消订阅", "退訂", "取消訂閱");

    private StopReplies() {
    }

    /** Returns true when the reply's first word is a stop keyword. */
    public static boolean isStop(String text) {
        if (text == null) {
            return false;
        }
        // NFKC turns full-width Ｓ Ｔ Ｏ Ｐ (common on Chinese keyboards) into ASCII
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            return false;
        }
        int end = 0;
        while (end < normalised.length() && !Character.isWhitespace(normalised.charAt(end))
                && ".,!;:。，！；".indexOf(normalised.charAt(end)) < 0) {
            end++;
        }
        return KEYWORDS.contains(normalised.substring(0, end));
    }
}
