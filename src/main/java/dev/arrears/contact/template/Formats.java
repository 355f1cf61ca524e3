package dev.arrears.contact.template;

import dev.arrears.shared.Currencies;

import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How amounts, dates and line categories read in each locale. Amounts are written from minor units exactly (no
 * floating point): the currency symbol the JDK's CLDR data gives the locale (zh-CN ¥, en CN¥ and $, NT$ for the
 * New Taiwan dollar in zh-TW where CLDR has a bare $), the integer part grouped by thousands with commas and as
 * many decimals as the currency has ({@code ¥1,234.50}, {@code CN¥1,234.50}, {@code JP¥1,235}). Dates are long
 * dates: {@code 2026年12月2日}, {@code 2 December 2026}. Instances are immutable and thread-safe.
 */
public final class Formats {

    private static final Map<String, Formats> BY_LOCALE = Map.of(
            "zh-CN", new Formats("zh-CN", Locale.SIMPLIFIED_CHINESE, DateTimeFormatter.ofPattern("uuuu年M月d日"),
                    Map.of("SERVICE", "服务费", "USAGE", "使用费", "FEE", "费用", "INTEREST", "利息", "TAX", "税费",
                            "OTHER", "其他")),
            "zh-TW", new Formats("zh-TW", Locale.TRADITIONAL_CHINESE, DateTimeFormatter.ofPattern("uuuu年M月d日"),
                    Map.of("SERVICE", "服務費", "USAGE", "使用費", "FEE", "費用", "INTEREST", "利息", "TAX", "稅費",
                            "OTHER", "其他")),
            "en", new Formats("en", Locale.ENGLISH, DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK),
                    Map.of("SERVICE", "Service", "USAGE", "Usage", "FEE", "Fee", "INTEREST", "Interest", "TAX", "Tax",
                            "OTHER", "Other")));

    /** Symbols CLDR leaves ambiguous in a locale: the New Taiwan dollar is a bare $ in zh-TW. */
    private static final Map<String, String> SYMBOL_OVERRIDES = Map.of("zh-TW/TWD", "NT$");

    private final String tag;
    private final Locale locale;
    private final DateTimeFormatter dates;
    private final Map<String, String> categories;
    private final Map<String, String> symbols = new ConcurrentHashMap<>();

    private Formats(String tag, Locale locale, DateTimeFormatter dates, Map<String, String> categories) {
        this.tag = tag;
        this.locale = locale;
        this.dates = dates;
        this.categories = categories;
    }

    /** Returns the formats of a supported locale; throws IllegalArgumentException for another. */
    public static Formats of(String locale) {
        Formats formats = BY_LOCALE.get(locale);
        if (formats == null) {
            throw new IllegalArgumentException("unsupported locale '" + locale + "'; one of " + Locales.ALL);
        }
        return formats;
    }

    /** Returns the locale tag these formats are for. */
    public String tag() {
        return tag;
    }

    /** Formats minor units of a currency (ISO 4217 code) with its symbol: {@code ¥1,234.50}, {@code -$5.00}. */
    public String money(long minor, String currencyCode) {
        Currency currency = Currencies.of(currencyCode);
        int digits = Currencies.fractionDigits(currency);
        StringBuilder out = new StringBuilder(24);
        if (minor < 0) {
            out.append('-');
        }
        out.append(symbol(currency));
        // unsigned magnitude as text; Long.MIN_VALUE has no positive long, so go through its unsigned form
        String magnitude = minor == Long.MIN_VALUE ? Long.toUnsignedString(minor) : Long.toString(Math.abs(minor));
        if (magnitude.length() <= digits) {
            magnitude = "0".repeat(digits - magnitude.length() + 1) + magnitude;
        }
        int integerDigits = magnitude.length() - digits;
        for (int i = 0; i < integerDigits; i++) {
            if (i > 0 && (integerDigits - i) % 3 == 0) {
                out.append(',');
            }
            out.append(magnitude.charAt(i));
        }
        if (digits > 0) {
            out.append('.').append(magnitude, integerDigits, magnitude.length());
        }
        return out.toString();
    }

    /** Formats a date as a long date of the locale. */
    public String date(LocalDate date) {
        return date == null ? "" : dates.format(date);
    }

    /** Returns the locale's name of a ledger line category, or the value itself when it is not one. */
    public String category(String code) {
        return categories.getOrDefault(code, code);
    }

    private String symbol(Currency currency) {
        return symbols.computeIfAbsent(currency.getCurrencyCode(), code -> {
            String override = SYMBOL_OVERRIDES.get(tag + "/" + code);
            if (override != null) {
                return override;
            }
            DecimalFormatSymbols s = DecimalFormatSymbols.getInstance(locale);
            s.setCurrency(currency);
            return s.getCurrencySymbol();
        });
    }
}
