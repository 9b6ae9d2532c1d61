package org.tether.server.points;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The board as a PDF (OpenPDF) with a CJK font embedded (subset), so it prints the same everywhere.
 * The font is a file on the machine ({@code points.board.pdfFont}; Debian's fonts-wqy-microhei by
 * default, Apache-2.0, which allows embedding). Blocking: call from a worker thread.
 */
public final class BoardPdf {

    private final String font;

    /** @param font a TrueType file, or {@code collection.ttc,index} */
    public BoardPdf(String font) {
        this.font = font;
    }

    /** Whether the configured font file exists (the export answers 503 naming the key when not). */
    public boolean available() {
        int comma = font.lastIndexOf(',');
        String file = comma > 0 && font.substring(comma + 1).matches("\\d+") ? font.substring(0, comma) : font;
        return Files.isReadable(Path.of(file));
    }

    public String font() {
        return font;
    }

    public byte[] render(Board board) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 48, 36);
        try {
            BaseFont base = BaseFont.createFont(font, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            Font titleFont = new Font(base, 14, Font.BOLD);
            Font headFont = new Font(base, 10, Font.BOLD);
            Font cellFont = new Font(base, 10);
            PdfWriter.getInstance(doc, out);
            doc.addTitle(board.title());
            doc.open();
            Paragraph title = new Paragraph(board.title(), titleFont);
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingAfter(12);
            doc.add(title);
            PdfPTable table = new PdfPTable(BoardXlsx.HEADER.length);
            table.setWidthPercentage(100);
            table.setWidths(new float[] {1, 3, 2, 1.5f, 2});
            table.setHeaderRows(1);
            for (String h : BoardXlsx.HEADER) {
                table.addCell(cell(h, headFont));
            }
            for (Board.Row r : board.rows()) {
                table.addCell(cell(Integer.toString(r.rank()), cellFont));
                table.addCell(cell(r.name(), cellFont));
                table.addCell(cell(r.tierLabel(), cellFont));
                table.addCell(cell(Integer.toString(r.score()), cellFont));
                table.addCell(cell(r.grade().labelZh(), cellFont));
            }
            doc.add(table);
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the board PDF", e);
        }
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell c = new PdfPCell(new Phrase(text, font));
        c.setPadding(4);
        return c;
    }
}
