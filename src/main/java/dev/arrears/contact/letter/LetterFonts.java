package dev.arrears.contact.letter;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the CJK TrueType font that letters are rendered with, once at start: the file named by
 * {@code arrears.letters.font} (a {@code .ttf}, or a {@code .ttc} collection of which one font is taken:
 * {@code arrears.letters.font-name}, else the first that has Chinese glyphs), else the first usable of the well-known
 * system paths (Debian's {@code fonts-wqy-microhei} and {@code fonts-arphic-gbsn00lp}) and {@code ./data/fonts/*.ttf}.
 * PDFBox embeds only TrueType outlines (glyf): fonts with CFF outlines, as Noto CJK, and fonts without digits or
 * Chinese glyphs are passed over. A configured font that cannot be used stops the start; no font at all is logged
 * once as a warning, and letters in Chinese then fail.
 */
@Component
public class LetterFonts {

    private static final Logger log = LoggerFactory.getLogger(LetterFonts.class);

    /** Where Debian and the project look when nothing is configured, in this order (then ./data/fonts/*.ttf). */
    public static final List<Path> SYSTEM_FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"));
    /** The fix named wherever a Chinese letter cannot be rendered. */
    public static final String FIX = "install a CJK TrueType font (Debian: apt-get install fonts-wqy-microhei) or set "
            + "arrears.letters.font to a .ttf or .ttc file";

    private final CjkFont font;

    @Autowired
    LetterFonts(Environment environment) {
        this(resolve(environment.getProperty("arrears.letters.font"),
                environment.getProperty("arrears.letters.font-name"), candidates(Path.of("data", "fonts"))));
        if (font == null) {
            log.warn("No CJK TrueType font found for PDF letters (looked at {} and ./data/fonts/*.ttf): letters in "
                    + "Chinese will fail; {}", SYSTEM_FONTS, FIX);
        } else {
            log.info("PDF letters use the font {} ({})", font.name(), font.path());
        }
    }

    /** Returns fonts with a known font (tests). */
    public LetterFonts(CjkFont font) {
        this.font = font;
    }

    /** Returns the CJK font, empty when none was found. */
    public Optional<CjkFont> font() {
        return Optional.ofNullable(font);
    }

    /**
     * A usable CJK TrueType font held in memory: its file, whether it is a collection, and its PostScript name (the
     * font taken from a collection). Each PDF opens a parser of its own on the bytes, so renders may run side by
     * side.
     */
    public record CjkFont(Path path, byte[] bytes, boolean collection, String name, String family) {

        /** Opens the font for one document; closing the handle releases it (after the document is saved). */
        public Open open() throws IOException {
            if (!collection) {
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
                return new Open(ttf, ttf);
            }
            TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(bytes));
            TrueTypeFont ttf = ttc.getFontByName(name);
            if (ttf == null) {
                ttc.close();
                throw new IOException("font " + name + " is no longer in " + path);
            }
            return new Open(ttf, ttc);
        }
    }

    /** One document's handle on the font. */
    public record Open(TrueTypeFont font, Closeable owner) implements Closeable {

        @Override
        public void close() throws IOException {
            owner.close();
        }
    }

    /**
     * Returns the font to use: the configured file (which must be usable: else IllegalStateException naming the
     * property), else the first usable candidate, else null.
     */
    public static CjkFont resolve(String configured, String configuredName, List<Path> candidates) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            try {
                return load(path, blankToNull(configuredName));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("arrears.letters.font=" + configured + " cannot be used for letters: "
                        + e.getMessage(), e);
            }
        }
        for (Path path : candidates) {
            if (!Files.isRegularFile(path)) {
                continue;
            }
            try {
                return load(path, null);
            } catch (IOException | RuntimeException e) {
                log.info("Font {} not used for letters: {}", path, e.getMessage());
            }
        }
        return null;
    }

    /** Returns the system paths, then the {@code .ttf} files of a folder in name order. */
    public static List<Path> candidates(Path folder) {
        List<Path> all = new ArrayList<>(SYSTEM_FONTS);
        if (Files.isDirectory(folder)) {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{ttf,TTF,ttc,TTC}")) {
                files.forEach(found::add);
            } catch (IOException e) {
                log.info("Cannot list {}: {}", folder, e.getMessage());
            }
            found.sort(null);
            all.addAll(found);
        }
        return all;
    }

    /** Loads a font file and checks it: TrueType outlines, Chinese glyphs and digits. */
    static CjkFont load(Path path, String wanted) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file " + path);
        }
        byte[] bytes = Files.readAllBytes(path);
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean collection = lower.endsWith(".ttc") || startsWith(bytes, "ttcf");
        if (!collection) {
            try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                String problem = problem(ttf);
                if (problem != null) {
                    throw new IOException(problem);
                }
                return new CjkFont(path, bytes, false, ttf.getName(), family(ttf));
            }
        }
        List<String> problems = new ArrayList<>();
        String[] chosen = new String[2];
        try (TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(bytes))) {
            ttc.processAllFonts(ttf -> {
                if (chosen[0] != null) {
                    return;
                }
                String name = ttf.getName();
                if (wanted != null && !wanted.equals(name)) {
                    problems.add(name + ": not " + wanted);
                    return;
                }
                String problem = problem(ttf);
                if (problem == null) {
                    chosen[0] = name;
                    chosen[1] = family(ttf);
                } else {
                    problems.add(name + ": " + problem);
                }
            });
        }
        if (chosen[0] == null) {
            throw new IOException("no usable font in the collection (" + String.join("; ", problems) + ")");
        }
        return new CjkFont(path, bytes, true, chosen[0], chosen[1]);
    }

    /** Returns why a font cannot be used for Chinese letters, or null when it can. */
    private static String problem(TrueTypeFont ttf) throws IOException {
        if (ttf instanceof OpenTypeFont otf && otf.isPostScript()) {
            return "CFF (PostScript) outlines; PDFBox embeds TrueType (glyf) outlines only";
        }
        CmapLookup cmap = ttf.getUnicodeCmapLookup(false);
        if (cmap == null) {
            return "no Unicode character map";
        }
        for (int c : new int[] {'中', '文', '0', '9', 'A'}) {
            if (cmap.getGlyphId(c) == 0) {
                return "no glyph for '" + Character.toString(c) + "'";
            }
        }
        return null;
    }

    private static String family(TrueTypeFont ttf) throws IOException {
        return ttf.getNaming() == null || ttf.getNaming().getFontFamily() == null ? ttf.getName()
                : ttf.getNaming().getFontFamily();
    }

    private static boolean startsWith(byte[] bytes, String tag) {
        if (bytes.length < tag.length()) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (bytes[i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
