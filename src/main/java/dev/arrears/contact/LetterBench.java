package dev.arrears.contact;

import dev.arrears.contact.letter.LetterFonts;
import dev.arrears.contact.letter.PdfRenderer;
import dev.arrears.contact.template.CompiledTemplate;
import dev.arrears.contact.template.Samples;
import dev.arrears.contact.template.TemplateCheck;
import dev.arrears.shared.Channel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Times the PDF rendering of letters without a database: a shipped letter template rendered for the typical sample
 * account (two bills, four lines) in a locale, then turned into PDF {@code letters} times on {@code threads} threads
 * with the font the server would use, then all of them merged into one batch PDF.
 */
public final class LetterBench {

    private LetterBench() {
    }

    /** What a run measured. */
    public record Result(String font, int letters, long pages, long bytes, double seconds, double mergeSeconds,
                         int mergedPages) {

        /** Returns letters rendered a second. */
        public double perSecond() {
            return letters / seconds;
        }

        /** Returns milliseconds of rendering per letter and thread. */
        public double millisPerLetter(int threads) {
            return seconds * 1000.0 * threads / letters;
        }
    }

    /** Renders and merges; the font is resolved as at the server's start (arrears.letters.font not read here). */
    public static Result run(String template, String locale, int letters, int threads, String font) throws Exception {
        LetterFonts.CjkFont cjk = LetterFonts.resolve(font, null, LetterFonts.candidates(Path.of("data", "fonts")));
        PdfRenderer renderer = new PdfRenderer(new LetterFonts(cjk));
        ShippedTemplateFiles.Shipped shipped = ShippedTemplateFiles.all().stream()
                .filter(s -> s.name().equals(template) && s.channel() == Channel.LETTER).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shipped letter template '" + template + "'"));
        String token = new PortalToken(new byte[32]).sign(new PortalToken.Claims(1001L,
                Instant.parse("2030-01-01T00:00:00Z"), 1L, "CNY"));
        Samples.Setup setup = new Samples.Setup("http://localhost:8080/portal/" + token,
                "http://localhost:8080/optout/" + token + "?channel=email",
                Map.of("en", "Arrears Demo Services", "zh-CN", "Arrears 演示服务", "zh-TW", "Arrears 示範服務"),
                "400 800 1234");
        String xhtml = CompiledTemplate.compile(1, shipped.name(), Channel.LETTER, 1, null,
                TemplateCheck.texts(Channel.LETTER, shipped.draft())).render(Samples.typical(locale, "US-REGF", setup))
                .html();
        renderer.render(xhtml); // warm-up: class loading, the font's first parse
        List<byte[]> pdfs = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long pages = 0;
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    long mine = 0;
                    while (next.getAndIncrement() < letters) {
                        PdfRenderer.Pdf pdf = renderer.render(xhtml);
                        pdfs.add(pdf.bytes());
                        mine += pdf.pages();
                    }
                    return mine;
                }));
            }
            for (Future<Long> w : workers) {
                pages += w.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long bytes = pdfs.stream().mapToLong(b -> b.length).sum();
        long merging = System.nanoTime();
        PdfRenderer.Pdf merged = renderer.merge(pdfs);
        double mergeSeconds = (System.nanoTime() - merging) / 1e9;
        return new Result(cjk == null ? "none" : cjk.name() + " (" + cjk.path() + ")", letters, pages, bytes, seconds,
                mergeSeconds, merged.pages());
    }
}
