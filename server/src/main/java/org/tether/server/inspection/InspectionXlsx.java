package org.tether.server.inspection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The joint inspection as an Excel workbook (Apache POI): one sheet per subject, each with the report's
 * title in row 0, the header in row 1 and the data from row 2. Blocking: call from a worker thread.
 */
public final class InspectionXlsx {

    private InspectionXlsx() {
    }

    public static byte[] render(InspectionReport report) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            for (InspectionReport.Sheet s : report.sheets()) {
                Sheet sheet = wb.createSheet(s.name());
                Cell t = sheet.createRow(0).createCell(0);
                t.setCellValue(report.title() + " — " + s.name());
                t.setCellStyle(bold);
                Row header = sheet.createRow(1);
                for (int i = 0; i < s.header().size(); i++) {
                    Cell c = header.createCell(i);
                    c.setCellValue(s.header().get(i));
                    c.setCellStyle(bold);
                    sheet.setColumnWidth(i, 14 * 256);
                }
                int n = 2;
                for (List<Object> cells : s.rows()) {
                    Row row = sheet.createRow(n++);
                    for (int i = 0; i < cells.size(); i++) {
                        Object v = cells.get(i);
                        if (v instanceof Number num) {
                            row.createCell(i).setCellValue(num.doubleValue());
                        } else if (v != null) {
                            row.createCell(i).setCellValue(v.toString());
                        }
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
