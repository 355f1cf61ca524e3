package dev.arrears.contact.letter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Font resolution for letters on this machine (Debian's fonts-wqy-microhei, a .ttc, and DejaVu, which has no Chinese
 * glyphs): the configured file first, one font out of a collection, unusable fonts passed over.
 */
class LetterFontsTest {

    private static final Path WQY = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    @Test
    void configuredCollection_takesItsFirstFontWithChineseGlyphs() {
        LetterFonts.CjkFont font = LetterFonts.resolve(WQY.toString(), null, List.of());

        assertThat(font.collection()).isTrue();
        assertThat(font.name()).isEqualTo("WenQuanYiMicroHei");
        assertThat(font.family()).isEqualTo("WenQuanYi Micro Hei");
    }

    @Test
    void configuredFontName_picksThatFontOfTheCollection() {
        LetterFonts.CjkFont font = LetterFonts.resolve(WQY.toString(), "WenQuanYiMicroHeiMono", List.of());

        assertThat(font.name()).isEqualTo("WenQuanYiMicroHeiMono");
    }

    @Test
    void configuredFileMissing_stopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> LetterFonts.resolve("/nowhere/font.ttf", null, List.of(WQY)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("arrears.letters.font=/nowhere/font.ttf");
    }

    @Test
    void configuredFontWithoutChinese_isRefused() {
        assertThatThrownBy(() -> LetterFonts.resolve(DEJAVU.toString(), null, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no glyph for '中'");
    }

    @Test
    void candidates_skipFontsWithoutChineseAndTakeTheFirstUsable() {
        LetterFonts.CjkFont font = LetterFonts.resolve(null, null, List.of(Path.of("/nowhere.ttf"), DEJAVU, WQY));

        assertThat(font.path()).isEqualTo(WQY);
    }

    @Test
    void noUsableCandidate_isNoFont(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("broken.ttf"), new byte[] {1, 2, 3});

        assertThat(LetterFonts.resolve(null, null, List.of(dir.resolve("broken.ttf"), DEJAVU))).isNull();
    }

    @Test
    void dataFontsFolder_comesAfterTheSystemPaths(@TempDir Path dir) throws IOException {
        Files.copy(DEJAVU, dir.resolve("b.ttf"));
        Files.copy(DEJAVU, dir.resolve("a.ttf"));
        Files.writeString(dir.resolve("readme.txt"), "not a font");

        assertThat(LetterFonts.candidates(dir)).containsExactly(LetterFonts.SYSTEM_FONTS.get(0),
                LetterFonts.SYSTEM_FONTS.get(1), dir.resolve("a.ttf"), dir.resolve("b.ttf"));
    }

    @Test
    void openedCollectionFont_rendersChinese() throws IOException {
        LetterFonts.CjkFont font = LetterFonts.resolve(WQY.toString(), null, List.of());
        try (LetterFonts.Open open = font.open()) {
            assertThat(open.font().getUnicodeCmapLookup().getGlyphId('账')).isPositive();
        }
    }
}
