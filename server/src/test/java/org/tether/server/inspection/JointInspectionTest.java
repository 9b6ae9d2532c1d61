package org.tether.server.inspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.server.support.Answers.created;
import static org.tether.server.support.Answers.ok;
import static org.tether.server.support.Answers.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.TestDatabase;

/**
 * The quarterly joint inspection export and the board's web page through the real server, database and
 * HTTP. Office A's quarter (the one holding last month, M1): 张三 (with an ID-card number) has an alert
 * in M1 resolved as a confirmed violation (an automatic −10) and an education session, M1 is closed, a
 * detention is recorded (a notification) and the procurator's recommendation is answered. 王五 is a
 * minor. An alert of the quarter before, and 李四 of office B, must not appear.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JointInspectionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String ID_CARD = "11010519491231002X";
    private static final YearMonth M1 = YearMonth.now(SHANGHAI).minusMonths(1);
    private static final Quarter Q = new Quarter(M1.getYear(), (M1.getMonthValue() - 1) / 3 + 1);
    /** Escaping is part of the page's contract: an office name with markup characters. */
    private static final String OFFICE_A = "联检<A>&所";

    private TestDatabase db;
    private RunningTether tether;
    private Session admin;
    private Session officerA;
    private Session officerB;
    private Session supervisorX;
    private Session procuratorX;
    private String officeA;
    private String zhang;
    private long alertInQuarter;
    private long alertBefore;
    private long notificationId;
    private String recommendationId;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of("TETHER_POINTS_AUTOCLOSE", "false"));
        admin = tether.admin();
        String countyX = tether.office("COUNTY_AGENCY", "联检县", null);
        officeA = tether.office("JUSTICE_OFFICE", OFFICE_A, countyX);
        String officeB = tether.office("JUSTICE_OFFICE", "联检B所", countyX);
        officerA = tether.staff("insp-officer-a", "OFFICER", officeA);
        officerB = tether.staff("insp-officer-b", "OFFICER", officeB);
        supervisorX = tether.staff("insp-supervisor-x", "COUNTY_SUPERVISOR", countyX);
        procuratorX = tether.staff("insp-procurator-x", "PROCURATOR", countyX);
        zhang = person(officerA, "张三", false, ID_CARD);
        person(officerA, "王五", true, null);
        person(officerB, "李四", false, null);

        alertInQuarter = alert(zhang, "OUT_OF_AREA", M1.atDay(5).atTime(10, 0));
        alertBefore = alert(zhang, "NO_SIGNAL", Q.firstMonth().minusMonths(1).atDay(20).atTime(9, 0));
        assertEquals(200, officerA.post("/api/alerts/" + alertInQuarter + "/resolve", new JsonObject()
                .put("resolution", "CONFIRMED_VIOLATION").put("note", "未经批准离开县域，已核实")).statusCode());
        created(officerA.post("/api/persons/" + zhang + "/points", new JsonObject().put("kind", "EDUCATION")
                .put("occurredOn", M1.atDay(12).toString()).put("reason", "参加集中教育").put("evidenceRef", "签到表-12")));
        assertEquals(200, officerA.post("/api/offices/" + officeA + "/assessments/" + M1 + "/close", new JsonObject())
                .statusCode());
        notificationId = created(officerA.post("/api/persons/" + zhang + "/major-events", new JsonObject()
                .put("kind", "DETAINED").put("summary", "被公安机关行政拘留")
                .put("occurredAt", M1.atDay(15).atTime(12, 0).atZone(SHANGHAI).toInstant().toString())))
                .getLong("notificationId");
        recommendationId = created(procuratorX.post("/api/procuratorate/recommendations", new JsonObject()
                .put("kind", "RECOMMENDATION").put("personId", zhang).put("content", "请加强信息化核查")
                .put("replyDueAt", java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString())))
                .getString("id");
        if (!Q.equals(quarterOf(YearMonth.now(SHANGHAI)))) {
            // Early in a quarter, last month lies in the quarter before: the recommendation is dated into it.
            db.count("UPDATE procuratorate_recommendations SET issued_at = ? WHERE id = ?::uuid RETURNING 1",
                    M1.atDay(20).atTime(9, 0).atZone(SHANGHAI).toOffsetDateTime(), recommendationId);
        }
        assertEquals(200, officerA.post("/api/procuratorate/recommendations/" + recommendationId + "/reply",
                new JsonObject().put("reply", "已组织整改")).statusCode());
    }

    @AfterAll
    void stop() {
        try {
            tether.close();
        } finally {
            db.drop();
        }
    }

    @Test
    @Order(1)
    void theQuarterExportHoldsTheOfficesRowsOnEverySheet() throws Exception {
        HttpResponse<Buffer> r = officerA.get(inspection(officeA, Q.toString()));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.getHeader("Content-Type"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body().getBytes()))) {
            assertEquals(List.of("矫正对象", "告警", "积分", "月度考核", "检察通知", "检察建议与回复"),
                    List.of(wb.getSheetAt(0).getSheetName(), wb.getSheetAt(1).getSheetName(), wb.getSheetAt(2).getSheetName(),
                            wb.getSheetAt(3).getSheetName(), wb.getSheetAt(4).getSheetName(), wb.getSheetAt(5).getSheetName()));
            assertEquals(6, wb.getNumberOfSheets());
            assertTrue(text(wb.getSheet("矫正对象").getRow(0).getCell(0)).contains(OFFICE_A));

            List<List<String>> persons = rows(wb.getSheet("矫正对象"));
            assertEquals(2, persons.size(), persons.toString());
            List<String> zhangRow = persons.stream().filter(p -> p.get(0).equals(zhang)).findFirst().orElseThrow();
            assertEquals(List.of(zhang, "张*", "严管", "缓刑"), zhangRow.subList(0, 4), "masked as the office's board");
            assertEquals("在矫", zhangRow.get(6));
            assertTrue(persons.stream().noneMatch(p -> p.get(1).startsWith("李")), "office B's person is absent");

            List<List<String>> alerts = rows(wb.getSheet("告警"));
            assertEquals(1, alerts.size(), "only the alert raised in the quarter: " + alerts);
            List<String> a = alerts.get(0);
            assertEquals(String.valueOf(alertInQuarter), a.get(0));
            assertEquals(List.of("张*", "OUT_OF_AREA", "HIGH"), a.subList(1, 4));
            assertEquals(M1.atDay(5) + " 10:00", a.get(4), "times in Asia/Shanghai");
            assertEquals(List.of("RESOLVED", "CONFIRMED_VIOLATION"), a.subList(7, 9));
            assertEquals("未经批准离开县域，已核实", a.get(10));
            assertFalse(alerts.stream().anyMatch(x -> x.get(0).equals(String.valueOf(alertBefore))));

            List<List<String>> points = rows(wb.getSheet("积分"));
            assertEquals(2, points.size(), points.toString());
            assertEquals(List.of("ALERT_VIOLATION", "-10"), List.of(points.get(0).get(4), points.get(0).get(6)));
            assertEquals(String.valueOf(alertInQuarter), points.get(0).get(9));
            assertEquals(List.of("EDUCATION", "参加集中教育", "签到表-12"),
                    List.of(points.get(1).get(4), points.get(1).get(7), points.get(1).get(8)));
            assertEquals(M1.toString(), points.get(1).get(2));

            List<List<String>> results = rows(wb.getSheet("月度考核"));
            // The inspection is not a publication: the minor's result is there for the procurator, masked.
            assertEquals(List.of(List.of(M1.toString(), "王*", "100", "良好"), List.of(M1.toString(), "张*", "92", "合格")),
                    results.stream().map(x -> List.of(x.get(0), x.get(1), x.get(5), x.get(6))).toList());
            assertEquals("已结算未审批", results.get(1).get(8));

            List<List<String>> notifications = rows(wb.getSheet("检察通知"));
            assertEquals(1, notifications.size(), notifications.toString());
            List<String> n = notifications.get(0);
            assertEquals(List.of(String.valueOf(notificationId), "张*", "DETAINED", "32"), n.subList(0, 4));
            assertEquals(M1.atDay(15) + " 12:00", n.get(4));
            assertEquals("OFF", n.get(6), "delivery is not configured here");
            assertEquals("", n.get(8), "not delivered");

            List<List<String>> recs = rows(wb.getSheet("检察建议与回复"));
            assertEquals(1, recs.size(), recs.toString());
            List<String> rec = recs.get(0);
            assertEquals(List.of(recommendationId, "检察建议", "张*", "请加强信息化核查"), rec.subList(0, 4));
            assertEquals("已组织整改", rec.get(6));
            assertFalse(rec.get(7).isEmpty(), "replied-at");
            assertEquals(List.of("否", "否"), rec.subList(8, 10), "answered, in time");

            for (Sheet s : wb) {
                for (List<String> row : rows(s)) {
                    for (String cell : row) {
                        assertFalse(cell.contains(ID_CARD), "ID-card number on sheet " + s.getSheetName());
                        assertFalse(cell.contains("张三"), "unmasked name on sheet " + s.getSheetName());
                    }
                }
            }
        }
        JsonObject audit = new JsonObject(db.text("SELECT json_build_object('actor', actor_username, 'office', office_id,"
                + " 'target', target_id, 'detail', detail)::text FROM audit_log WHERE action = 'inspection.export'"));
        assertEquals("insp-officer-a", audit.getString("actor"));
        assertEquals(officeA, audit.getString("office"));
        assertEquals(officeA + "/" + Q, audit.getString("target"));
        assertEquals(2, audit.getJsonObject("detail").getJsonObject("rows").getInteger("矫正对象"));
    }

    @Test
    @Order(2)
    void anotherQuarterIsEmptyAndBadQuartersAreRefused() throws Exception {
        Quarter before = Q.number() == 1 ? new Quarter(Q.year() - 1, 4) : new Quarter(Q.year(), Q.number() - 1);
        HttpResponse<Buffer> r = supervisorX.get(inspection(officeA, before.toString()));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body().getBytes()))) {
            List<List<String>> alerts = rows(wb.getSheet("告警"));
            assertEquals(1, alerts.size());
            assertEquals(String.valueOf(alertBefore), alerts.get(0).get(0));
            assertTrue(rows(wb.getSheet("积分")).isEmpty());
            assertTrue(rows(wb.getSheet("检察通知")).isEmpty());
        }
        for (String bad : List.of("2026-Q5", "2026Q4", "2026-11", "Q4-2026")) {
            problem(officerA.get(inspection(officeA, bad)), 400, "quarter");
        }
    }

    @Test
    @Order(3)
    void scopedLikeTheBoardAndAuditedPerDownload() {
        long before = db.count("SELECT count(*) FROM audit_log WHERE action = 'inspection.export'");
        assertEquals(200, procuratorX.get(inspection(officeA, Q.toString())).statusCode(), "the procurator reads");
        problem(officerB.get(inspection(officeA, Q.toString())), 404, "officeId");
        assertEquals(403, admin.get(inspection(officeA, Q.toString())).statusCode());
        assertEquals(401, tether.anonymous().get(inspection(officeA, Q.toString())).statusCode());
        assertEquals(before + 1, db.count("SELECT count(*) FROM audit_log WHERE action = 'inspection.export'"),
                "one row for the procurator's download, none for refusals");
        assertEquals("insp-procurator-x", db.text("SELECT actor_username FROM audit_log WHERE action = 'inspection.export'"
                + " ORDER BY id DESC LIMIT 1"));
    }

    @Test
    @Order(4)
    void theBoardAsAWebPage() {
        HttpResponse<Buffer> r = officerA.get(board("?format=html"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("text/html; charset=utf-8", r.getHeader("Content-Type").toLowerCase(java.util.Locale.ROOT));
        String html = r.bodyAsString("UTF-8");
        assertFalse(html.contains(OFFICE_A), "the office name is escaped in the markup");
        Document page = Jsoup.parse(html);
        assertEquals("zh-CN", page.select("html").attr("lang"));
        assertTrue(page.title().startsWith(OFFICE_A + " " + M1.getYear() + "年" + M1.getMonthValue() + "月"), page.title());
        assertEquals(page.title(), page.selectFirst("h1").text());
        assertTrue(page.select("script, link, img, iframe, [src], [href]").isEmpty(), "no external assets");
        List<List<String>> rows = new ArrayList<>();
        for (Element tr : page.select("table tbody tr")) {
            rows.add(tr.select("td").eachText());
        }
        JsonObject json = ok(officerA.get(board("")));
        assertEquals(json.getJsonArray("rows").size(), rows.size(), "the JSON board's rows: " + rows);
        assertEquals(List.of(List.of("1", "张*", "严管", "92", "合格")), rows, "the minor 王五 is not on it");
        assertEquals(List.of("序号", "姓名", "管理等级", "得分", "考核等次"), page.select("table thead th").eachText());
        assertFalse(html.contains("王"), "no trace of the minor");

        assertEquals(200, officerA.put("/api/offices/" + officeA + "/points-settings",
                new JsonObject().put("boardNames", "FULL")).statusCode());
        Document full = Jsoup.parse(officerA.get(board("?format=html")).bodyAsString("UTF-8"));
        assertEquals(List.of("张三"), full.select("table tbody tr td:eq(1)").eachText(), "names as the office decides");
        problem(officerA.get(board("?format=doc")), 400, "format");
        problem(officerB.get(board("?format=html")), 404, "officeId");
        assertEquals(403, admin.get(board("?format=html")).statusCode());
    }

    private String board(String query) {
        return "/api/offices/" + officeA + "/assessments/" + M1 + "/board" + query;
    }

    private static String inspection(String office, String quarter) {
        return "/api/offices/" + office + "/inspections/" + quarter;
    }

    private static Quarter quarterOf(YearMonth m) {
        return new Quarter(m.getYear(), (m.getMonthValue() - 1) / 3 + 1);
    }

    /** The data rows (from row 2) as displayed text; empty cells as "". */
    private static List<List<String>> rows(Sheet sheet) {
        int width = sheet.getRow(1).getLastCellNum();
        List<List<String>> out = new ArrayList<>();
        for (int i = 2; i <= sheet.getLastRowNum(); i++) {
            Row row = sheet.getRow(i);
            List<String> cells = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                cells.add(row == null ? "" : text(row.getCell(c)));
            }
            out.add(cells);
        }
        return out;
    }

    private static String text(Cell cell) {
        return cell == null ? "" : new DataFormatter().formatCellValue(cell);
    }

    private long alert(String person, String type, LocalDateTime firstSeenShanghai) {
        var first = firstSeenShanghai.atZone(SHANGHAI).toOffsetDateTime();
        var cleared = first.plusHours(2);
        return db.count("INSERT INTO alerts (person_id, type, severity, dedup_key, first_seen, last_seen,"
                        + " condition_cleared_at, rule) VALUES (?::uuid, ?, 'HIGH', ?, ?, ?, ?, 'test') RETURNING id",
                person, type, type + "-" + first, first, cleared, cleared);
    }

    private String person(Session officer, String name, boolean minor, String idCard) {
        YearMonth now = YearMonth.now(SHANGHAI);
        JsonObject body = new JsonObject().put("displayName", name).put("caseType", "PROBATION")
                .put("correctionStartsOn", now.minusMonths(12).atDay(1).toString())
                .put("correctionEndsOn", now.plusMonths(12).atDay(1).toString()).put("tier", "STRICT").put("minor", minor);
        if (idCard != null) {
            body.put("idCardNumber", idCard);
        }
        return created(officer.post("/api/persons", body)).getString("id");
    }

}
