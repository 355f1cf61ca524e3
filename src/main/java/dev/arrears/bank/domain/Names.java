package dev.arrears.bank.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Debtor names as banks write them, turned into the lower-cased forms a customer's name may be stored in. NFKC
 * first (full-width letters and digits become ordinary ones), spaces collapsed, lower case; then the variants: as
 * written, without punctuation, without spaces (a Chinese name written {@code 张 三} is stored {@code 张三}), and
 * the name tokens in reverse order ({@code ZHANG SAN} for {@code San Zhang}, {@code SMITH, ALICE} for
 * {@code Alice Smith}). A name in pinyin does not find one stored in Chinese characters.
 */
public final class Names {

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern PUNCTUATION = java.util.regex.Pattern.compile("\\p{P}+");

    private Names() {
    }

    /** Returns the lower-cased forms to look up, each with true when it keeps the written order of the tokens. */
    public static Map<String, Boolean> variants(String name) {
        Map<String, Boolean> variants = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            return variants;
        }
        String normal = Normalizer.isNormalized(name, Normalizer.Form.NFKC) ? name
                : Normalizer.normalize(name, Normalizer.Form.NFKC);
        String written = SPACES.matcher(normal.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        String plain = SPACES.matcher(PUNCTUATION.matcher(written).replaceAll(" ").strip()).replaceAll(" ");
        variants.put(written, true);
        variants.putIfAbsent(plain, true);
        variants.putIfAbsent(plain.replace(" ", ""), true);
        List<String> tokens = new ArrayList<>(Arrays.asList(plain.split(" ")));
        if (tokens.size() >= 2 && tokens.size() <= 4) {
            java.util.Collections.reverse(tokens);
            variants.putIfAbsent(String.join(" ", tokens), false);
        }
        variants.remove("");
        return variants;
    }
}
