package dev.arrears.contact.letter;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders an XHTML document (a letter template's {@code html}, the bill attached to an e-mail) to PDF with
 * openhtmltopdf on PDFBox, A4 unless the document's {@code @page} says otherwise. The CJK font of
 * {@link LetterFonts} is embedded as a subset under its own family name, {@code arrears-cjk}, and the generic
 * {@code sans-serif} and {@code serif}, so a document in Chinese renders whatever family its style names. A document
 * with Chinese text and no CJK font, or one that is not well-formed XHTML, is a {@link PdfException}: it will never
 * render as it is. Nothing outside the document is fetched (only {@code data:} URIs are read).
 */
@Component
public class PdfRenderer {

    static {
        // openhtmltopdf logs every CSS hint through java.util.logging; problems come back as exceptions instead
        XRLog.setLoggingEnabled(false);
    }

    private final LetterFonts fonts;

    public PdfRenderer(LetterFonts fonts) {
        this.fonts = fonts;
    }

    /** A rendered PDF and its page count. */
    public record Pdf(byte[] bytes, int pages) {
    }

    /** A document that cannot be rendered as it is (no retry will help). */
    public static final class PdfException extends RuntimeException {

        /** Returns the failure with the reason a person can act on. */
        public PdfException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Returns true when a CJK font is there, so Chinese documents render. */
    public boolean rendersChinese() {
        return fonts.font().isPresent();
    }

    /** Renders an XHTML document to PDF; throws PdfException when it cannot be rendered. */
    public Pdf render(String xhtml) {
        if (xhtml == null || xhtml.isBlank()) {
            throw new PdfException("the document is empty", null);
        }
        LetterFonts.CjkFont cjk = fonts.font().orElse(null);
        if (cjk == null && hasChinese(xhtml)) {
            throw new PdfException("the letter is in Chinese but no CJK font is installed: " + LetterFonts.FIX, null);
        }
        try (LetterFonts.Open font = cjk == null ? null : cjk.open();
             PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.usePDDocument(document);
            builder.withProducer("Arrears");
            builder.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
                    ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            if (font != null) {
                PDFont embedded = PDType0Font.load(document, font.font(), true);
                Set<String> families = new LinkedHashSet<>(List.of("arrears-cjk", "sans-serif", "serif"));
                families.add(cjk.family());
                for (String family : families) {
                    builder.useFont(new PDFontSupplier(embedded), family, 400, FontStyle.NORMAL, true);
                    builder.useFont(new PDFontSupplier(embedded), family, 700, FontStyle.NORMAL, true);
                }
            }
            builder.withHtmlContent(xhtml, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            int pages;
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                PDDocument done = renderer.createPDFKeepOpen();
                pages = done.getNumberOfPages();
                done.save(out);
            }
            return new Pdf(out.toByteArray(), pages);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PdfException p) {
                throw p;
            }
            throw new PdfException("cannot render the PDF: " + message(e), e);
        }
    }

    /** Returns the PDFs one after the other as one document (a batch for the printer). */
    public Pdf merge(List<byte[]> pdfs) {
        if (pdfs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        try {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (byte[] pdf : pdfs) {
                merger.addSource(new RandomAccessReadBuffer(pdf));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            merger.setDestinationStream(out);
            merger.mergeDocuments(IOUtils.createMemoryOnlyStreamCache());
            byte[] merged = out.toByteArray();
            return new Pdf(merged, pages(merged));
        } catch (IOException e) {
            throw new IllegalStateException("cannot merge the letters: " + e.getMessage(), e);
        }
    }

    /** Returns the number of pages of a PDF. */
    public static int pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PDF: " + e.getMessage(), e);
        }
    }

    /** Returns true when the text has a character of the CJK blocks (which the PDF base fonts cannot show). */
    public static boolean hasChinese(String text) {
        return text.codePoints().anyMatch(c -> (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF));
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String m = cause.getMessage();
        return m == null ? cause.getClass().getSimpleName() : m;
    }
}
