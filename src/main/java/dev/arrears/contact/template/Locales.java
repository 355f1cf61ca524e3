package dev.arrears.contact.template;

import java.util.List;
import java.util.Locale;

/** The locales Arrears writes to customers in, in the order templates list them. */
public final class Locales {

    /** Every template is written in each of these. */
    public static final List<String> ALL = List.of("zh-CN", "zh-TW", "en");

    private Locales() {
    }

    /** Returns true for a supported locale tag, exactly as written (zh-CN, not zh_cn). */
    public static boolean supported(String tag) {
        return tag != null && ALL.contains(tag);
    }

    /** Returns the supported locale closest to a customer's or browser's language tag; en when none is close. */
    public static String closest(String tag) {
        if (tag == null || tag.isBlank()) {
            return "en";
        }
        if (supported(tag)) {
            return tag;
        }
        Locale locale = Locale.forLanguageTag(tag.replace('_', '-'));
        if (!"zh".equals(locale.getLanguage())) {
            return "en";
        }
        String script = locale.getScript();
        String country = locale.getCountry();
        boolean traditional = "Hant".equals(script)
                || (script.isEmpty() && ("TW".equals(country) || "HK".equals(country) || "MO".equals(country)));
        return traditional ? "zh-TW" : "zh-CN";
    }
}
