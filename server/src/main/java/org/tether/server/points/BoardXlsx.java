package org.tether.server.points;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The board as an Excel workbook (Apache POI) for the office's ledger: a title row, a header row, one
 * row per person. Blocking: call from a worker thread.
 */
public final class BoardXlsx {

    static final String[] HEADER = {"序号", "姓名", "管理等级", "得分", "考核等次"};

    private BoardXlsx() {
    }

    public static byte[] render(Board board) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(board.month().toString());
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row title = sheet.createRow(0);
            Cell t = title.createCell(0);
            t.setCellValue(board.title());
            t.setCellStyle(bold);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADER.length - 1));
            Row header = sheet.createRow(1);
            for (int i = 0; i < HEADER.length; i++) {
                Cell c = header.createCell(i);
                c.setCellValue(HEADER[i]);
                c.setCellStyle(bold);
            }
            int n = 2;
            for (Board.Row r : board.rows()) {
                Row row = sheet.createRow(n++);
                row.createCell(0).setCellValue(r.rank());
                row.createCell(1).setCellValue(r.name());
                row.createCell(2).setCellValue(r.tierLabel());
                row.createCell(3).setCellValue(r.score());
                row.createCell(4).setCellValue(r.grade().labelZh());
            }
            sheet.setColumnWidth(0, 8 * 256);
            sheet.setColumnWidth(1, 16 * 256);
            sheet.setColumnWidth(2, 12 * 256);
            sheet.setColumnWidth(3, 10 * 256);
            sheet.setColumnWidth(4, 12 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
