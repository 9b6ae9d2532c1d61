package org.tether.server.inspection;

import java.util.List;

/**
 * What an office shows the procuratorate at the quarterly joint inspection (季度联合检察): one sheet per
 * subject, every cell already in the form it is printed (names as the office shows them, times in
 * Asia/Shanghai). No ID-card number is ever read into it.
 */
public record InspectionReport(String officeName, Quarter quarter, List<Sheet> sheets) {

    public InspectionReport {
        sheets = List.copyOf(sheets);
    }

    public String title() {
        return officeName + " " + quarter.year() + "年第" + quarter.number() + "季度 社区矫正联合检察台账";
    }

    /** Cells are String, Number or null (empty). */
    public record Sheet(String name, List<String> header, List<List<Object>> rows) {

        public Sheet {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    public int rowCount() {
        return sheets.stream().mapToInt(s -> s.rows().size()).sum();
    }
}
