package dev.arrears.cli;

import dev.arrears.contact.LetterBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code arrears bench letters --letters N}: renders a shipped letter (default {@code demand_letter}, zh-CN) for a
 * sample account to PDF N times on {@code --threads} threads with the CJK font the server would use, then merges
 * them into one batch PDF. No database. The last line is
 * {@code letters rendered=<n> locale=<l> pages=<p> seconds=<s> per_second=<r> ms_per_letter=<m> merge_seconds=<ms>}.
 */
@Command(name = "letters", mixinStandardHelpOptions = true,
        description = "Times rendering letters to PDF and merging them into a batch.")
class BenchLettersCommand implements Callable<Integer> {

    @Option(names = "--letters", defaultValue = "200", description = "Letters to render (default ${DEFAULT-VALUE}).")
    int letters;

    @Option(names = "--threads", defaultValue = "1", description = "Rendering threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--locale", defaultValue = "zh-CN", description = "zh-CN, zh-TW or en (default ${DEFAULT-VALUE}).")
    String locale;

    @Option(names = "--template", defaultValue = "demand_letter",
            description = "A shipped letter template (default ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--font", description = "A .ttf or .ttc file (default: as arrears.letters.font is resolved).")
    String font;

    @Override
    public Integer call() throws Exception {
        if (letters < 1 || threads < 1) {
            System.err.println("--letters and --threads must be at least 1");
            return 2;
        }
        LetterBench.Result r = LetterBench.run(template, locale, letters, threads, font);
        System.out.println("font: " + r.font());
        System.out.printf(Locale.ROOT, "rendered %d PDFs (%d pages, %.1f kB each) on %d threads%n", r.letters(),
                r.pages(), r.bytes() / 1024.0 / r.letters(), threads);
        System.out.printf(Locale.ROOT, "merged into one PDF of %d pages in %.2f s%n", r.mergedPages(),
                r.mergeSeconds());
        System.out.printf(Locale.ROOT, "letters rendered=%d locale=%s pages=%d seconds=%.2f per_second=%.1f "
                        + "ms_per_letter=%.1f merge_seconds=%.2f%n", r.letters(), locale, r.pages(), r.seconds(),
                r.perSecond(), r.millisPerLetter(threads), r.mergeSeconds());
        return 0;
    }
}
