package org.tether.server.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.server.support.Answers.created;
import static org.tether.server.support.Answers.ok;
import static org.tether.server.support.Answers.problem;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.PhoneClient;
import org.tether.server.support.RunningTether;
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.TestDatabase;

/**
 * Points, the monthly close, proposals and the board through the real server, database and HTTP, as
 * one office's half year: months M6..M1 before the current one are closed in order (the close day is
 * the 1st, so all are closable now). In office A:
 * <ul>
 *   <li>张三 — M1: an OUT_OF_AREA alert resolved as confirmed violation (−10, automatic), 2 education
 *       sessions (+4): 94, 合格;</li>
 *   <li>李四 (普管) — M2 and M1 each a 训诫, M1 also 5 hours of community service: 85 in M1 but 不合格
 *       (forced by the 训诫); two failing months → propose 严管; two 训诫 → propose 警告;</li>
 *   <li>王五 — a minor: assessed, never on the board;</li>
 *   <li>赵六 — nothing: six 良好 months → propose 普管;</li>
 *   <li>孙七 — a NO_SIGNAL condition of 13 days in M1 → propose 警告.</li>
 * </ul>
 * Steps depend on each other, hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PointsIntegrationTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth NOW = YearMonth.now(SHANGHAI);
    private static final YearMonth M1 = NOW.minusMonths(1);
    private static final YearMonth M2 = NOW.minusMonths(2);

    private TestDatabase db;
    private RunningTether tether;
    private Session admin;
    private Session officerA;
    private Session officerB;
    private Session supervisorX;
    private Session procuratorX;
    private String countyX;
    private String officeA;
    private String zhang;
    private String li;
    private String wang;
    private String zhao;
    private String sun;
    private long reprimandM1;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        // The automatic close is tested in MonthlyAutoCloseTest; here every close is the officer's.
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of("TETHER_POINTS_AUTOCLOSE", "false"));
        admin = tether.admin();
        countyX = tether.office("COUNTY_AGENCY", "积分县", null);
        officeA = tether.office("JUSTICE_OFFICE", "积分A司法所", countyX);
        String officeB = tether.office("JUSTICE_OFFICE", "积分B司法所", countyX);
        officerA = tether.staff("points-officer-a", "OFFICER", officeA);
        officerB = tether.staff("points-officer-b", "OFFICER", officeB);
        supervisorX = tether.staff("points-supervisor-x", "COUNTY_SUPERVISOR", countyX);
        procuratorX = tether.staff("points-procurator-x", "PROCURATOR", countyX);
        zhang = person("张三", "STRICT", false);
        li = person("李四", "NORMAL", false);
        wang = person("王五", "STRICT", true);
        zhao = person("赵六", "STRICT", false);
        sun = person("孙七", "NORMAL", false);
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
    void anAlertResolvedAsConfirmedViolationScoresOnceInTheMonthItHappened() {
        long outOfArea = alert(zhang, "OUT_OF_AREA", M1.atDay(5).atTime(9, 0), null);
        long falseAlarm = alert(zhang, "TAMPER", M1.atDay(6).atTime(9, 0), null);
        assertEquals(200, officerA.post("/api/alerts/" + outOfArea + "/resolve", new JsonObject()
                .put("resolution", "CONFIRMED_VIOLATION").put("note", "未经批准离开县域，已电话核实")).statusCode());
        assertEquals(200, officerA.post("/api/alerts/" + falseAlarm + "/resolve", new JsonObject()
                .put("resolution", "FALSE_ALARM").put("note", "设备误报")).statusCode());
        // Resolving again is refused and scores nothing more.
        assertEquals(409, officerA.post("/api/alerts/" + outOfArea + "/resolve", new JsonObject()
                .put("resolution", "CONFIRMED_VIOLATION").put("note", "again")).statusCode());
        JsonArray entries = entries(zhang);
        assertEquals(1, entries.size(), entries.encodePrettily());
        JsonObject e = entries.getJsonObject(0);
        assertEquals("ALERT_VIOLATION", e.getString("kind"));
        assertEquals(-10, e.getInteger("points"));
        assertEquals(M1.toString(), e.getString("month"));
        assertEquals(outOfArea, e.getLong("alertId"));
        assertEquals("alert:" + outOfArea, e.getString("evidenceRef"));
        assertNotNull(e.getString("recordedBy"));
    }

    @Test
    @Order(2)
    void officersRecordManualEntriesWithReasonAndEvidence() {
        JsonObject edu = created(officerA.post("/api/persons/" + zhang + "/points", entry("EDUCATION", M1.atDay(12))
                .put("quantity", 2)));
        assertEquals(4, edu.getInteger("points"));
        assertEquals(M1.toString(), edu.getString("month"));
        assertEquals("教育学习", edu.getString("kindLabel"));
        created(officerA.post("/api/persons/" + li + "/points", entry("REPRIMAND", M2.atDay(15))));
        reprimandM1 = created(officerA.post("/api/persons/" + li + "/points", entry("REPRIMAND", M1.atDay(10))))
                .getLong("id");
        JsonObject service = created(officerA.post("/api/persons/" + li + "/points", entry("COMMUNITY_SERVICE", M1.atDay(20))
                .put("quantity", 5)));
        assertEquals(5, service.getInteger("points"));
        // Bad input names the field.
        problem(officerA.post("/api/persons/" + li + "/points", entry("SMILING", M1.atDay(1))), 400, "kind");
        problem(officerA.post("/api/persons/" + li + "/points", entry("ALERT_VIOLATION", M1.atDay(1))), 400, "kind");
        problem(officerA.post("/api/persons/" + li + "/points", entry("REPRIMAND", M1.atDay(1)).put("reason", " ")), 400, "reason");
        problem(officerA.post("/api/persons/" + li + "/points", new JsonObject().put("kind", "COMMENDATION")
                .put("reason", "好人好事")), 400, "evidenceRef");
        problem(officerA.post("/api/persons/" + li + "/points", entry("REPRIMAND", LocalDate.now(SHANGHAI).plusDays(2))),
                422, "occurredOn");
        problem(officerA.post("/api/persons/" + li + "/points", entry("WARNING", M1.atDay(1)).put("quantity", 3)),
                422, "quantity");
        problem(officerA.post("/api/persons/" + li + "/points", entry("EDUCATION", M1.atDay(1)).put("quantity", "two")),
                400, "quantity");
        assertEquals(3, entries(li).size());
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'points.entry.record' AND target_id = ?",
                Long.toString(reprimandM1)));
    }

    @Test
    @Order(3)
    void aMonthCannotBeClosedBeforeItsCloseDayOrWithABadMonth() {
        problem(officerA.post(close(NOW), new JsonObject()), 409, "month");
        problem(officerA.post("/api/offices/" + officeA + "/assessments/2026-13/close", new JsonObject()), 400, "month");
        problem(officerA.get("/api/offices/" + officeA + "/assessments/" + M1), 404, "month");
        problem(supervisorX.post("/api/offices/" + countyX + "/assessments/" + M1 + "/close", new JsonObject()), 422,
                "officeId");
    }

    @Test
    @Order(4)
    void closingTheMonthGradesEveryoneAndProposes() {
        // Half a year of history, oldest first: M6..M2 hold nothing but 李四's first 训诫 (M2).
        for (int i = 6; i >= 2; i--) {
            JsonObject a = ok(officerA.post(close(NOW.minusMonths(i)), new JsonObject()));
            assertEquals(5, a.getJsonArray("results").size());
            assertEquals(0, a.getJsonArray("proposals").size(), a.encodePrettily());
        }
        JsonObject m2 = ok(officerA.get("/api/offices/" + officeA + "/assessments/" + M2));
        assertEquals("FAIL", result(m2, li).getString("grade"));
        long noSignal = alert(sun, "NO_SIGNAL", M1.atDay(1).atTime(10, 0), M1.atDay(14).atTime(10, 0));

        JsonObject m1 = ok(officerA.post(close(M1), new JsonObject()));
        assertEquals("CLOSED", m1.getString("status"));
        assertResult(m1, zhang, -6, 94, "PASS", 0);
        assertResult(m1, li, -15, 85, "FAIL", 1);   // 85 would be 合格: the 训诫 fails the month
        assertResult(m1, wang, 0, 100, "GOOD", 0);
        assertTrue(result(m1, wang).getBoolean("minor"));
        assertResult(m1, zhao, 0, 100, "GOOD", 0);
        assertResult(m1, sun, 0, 100, "GOOD", 0);

        JsonArray proposals = m1.getJsonArray("proposals");
        assertEquals(6, proposals.size(), proposals.encodePrettily());
        JsonObject strict = proposal(proposals, li, "FAILING_MONTHS");
        assertEquals("TIER_CHANGE", strict.getString("kind"));
        assertEquals("STRICT", strict.getString("proposedTier"));
        JsonObject warning = proposal(proposals, li, "REPEATED_REPRIMANDS");
        assertEquals("WARNING", warning.getString("proposedSanction"));
        assertTrue(warning.getString("basis").contains("训诫2次"), warning.getString("basis"));
        assertEquals("NORMAL", proposal(proposals, zhao, "GOOD_MONTHS").getString("proposedTier"));
        assertEquals("LENIENT", proposal(proposals, sun, "GOOD_MONTHS").getString("proposedTier"));
        assertEquals("NORMAL", proposal(proposals, wang, "GOOD_MONTHS").getString("proposedTier"));
        JsonObject lost = proposal(proposals, sun, "LOST_CONTACT");
        assertTrue(lost.getString("basis").contains("#" + noSignal), lost.getString("basis"));
        assertTrue(proposals.stream().map(JsonObject.class::cast).noneMatch(p -> p.getString("personId").equals(zhang)));
        assertTrue(proposals.stream().map(JsonObject.class::cast).allMatch(p -> p.getString("status").equals("PENDING")));
    }

    @Test
    @Order(5)
    void closingAgainChangesNothing() {
        JsonObject before = ok(officerA.get("/api/offices/" + officeA + "/assessments/" + M1));
        JsonObject again = ok(officerA.post(close(M1), new JsonObject()));
        assertEquals(before.getJsonArray("results"), again.getJsonArray("results"));
        assertEquals(before.getJsonArray("proposals"), again.getJsonArray("proposals"));
        assertEquals(before.getInteger("closings") + 1, again.getInteger("closings"));
        assertEquals(6, db.count("SELECT count(*) FROM proposals WHERE month = ?", M1.atDay(1)));
        assertEquals(5, db.count("SELECT count(*) FROM assessment_results WHERE month = ?", M1.atDay(1)));
    }

    @Test
    @Order(6)
    void officersDecideProposalsWithAReason() {
        JsonArray proposals = ok(officerA.get("/api/offices/" + officeA + "/proposals?status=PENDING&month=" + M1))
                .getJsonArray("items");
        assertEquals(6, proposals.size());
        long toNormal = proposal(proposals, zhao, "GOOD_MONTHS").getLong("id");
        long lost = proposal(proposals, sun, "LOST_CONTACT").getLong("id");
        long minorLighter = proposal(proposals, wang, "GOOD_MONTHS").getLong("id");

        JsonObject accepted = ok(officerA.post("/api/proposals/" + toNormal + "/accept",
                new JsonObject().put("reason", "表现稳定，同意调整为普管")));
        assertEquals("ACCEPTED", accepted.getString("status"));
        assertEquals("NORMAL", ok(officerA.get("/api/persons/" + zhao)).getString("tier"));
        assertEquals("STRICT", db.text("SELECT detail->>'tierBefore' FROM audit_log WHERE action = 'proposal.accept'"
                + " AND target_id = ?", Long.toString(toNormal)));

        // A sanction needs its decision document; without it nothing happens.
        problem(officerA.post("/api/proposals/" + lost + "/accept", new JsonObject().put("reason", "失联13日")), 422,
                "evidenceRef");
        JsonObject warned = ok(officerA.post("/api/proposals/" + lost + "/accept", new JsonObject()
                .put("reason", "失联13日，予以警告").put("evidenceRef", "警告决定书〔2026〕7号")));
        long entryId = warned.getLong("pointsEntryId");
        JsonObject warning = entries(sun).stream().map(JsonObject.class::cast)
                .filter(e -> e.getLong("id") == entryId).findFirst().orElseThrow();
        assertEquals("WARNING", warning.getString("kind"));
        assertEquals(-30, warning.getInteger("points"));
        assertEquals(lost, warning.getLong("proposalId"));
        assertEquals(NOW.toString(), warning.getString("month"));
        assertEquals("警告决定书〔2026〕7号", warning.getString("evidenceRef"));

        assertEquals("REJECTED", ok(officerA.post("/api/proposals/" + minorLighter + "/reject",
                new JsonObject().put("reason", "未成年人，待矫正小组评议"))).getString("status"));
        assertEquals("STRICT", ok(officerA.get("/api/persons/" + wang)).getString("tier"));
        problem(officerA.post("/api/proposals/" + minorLighter + "/accept", new JsonObject().put("reason", "x")), 409,
                "proposalId");
        problem(officerA.post("/api/proposals/" + toNormal + "/reject", new JsonObject()), 400, "reason");
        problem(officerB.post("/api/proposals/" + minorLighter + "/reject", new JsonObject().put("reason", "x")), 404,
                "proposalId");
        assertEquals(403, procuratorX.post("/api/proposals/" + toNormal + "/reject", new JsonObject().put("reason", "x"))
                .statusCode());
    }

    @Test
    @Order(7)
    void aCorrectionIsANewLinkedEntryAndTheLedgerRefusesChanges() {
        JsonObject correction = created(officerA.post("/api/points/" + reprimandM1 + "/corrections", new JsonObject()
                .put("reason", "训诫决定已撤销").put("evidenceRef", "撤销决定书〔2026〕3号")));
        assertEquals("CORRECTION", correction.getString("kind"));
        assertEquals(20, correction.getInteger("points"));
        assertEquals(reprimandM1, correction.getLong("correctsEntryId"));
        assertEquals(M1.toString(), correction.getString("month"));
        JsonObject original = entries(li).stream().map(JsonObject.class::cast)
                .filter(e -> e.getLong("id") == reprimandM1).findFirst().orElseThrow();
        assertEquals(correction.getLong("id"), original.getLong("correctedByEntryId"));
        assertEquals(-20, original.getInteger("points"));

        problem(officerA.post("/api/points/" + reprimandM1 + "/corrections", new JsonObject()
                .put("reason", "again").put("evidenceRef", "x")), 409, "entryId");
        problem(officerA.post("/api/points/" + correction.getLong("id") + "/corrections", new JsonObject()
                .put("reason", "undo").put("evidenceRef", "x")), 422, "entryId");
        problem(officerB.post("/api/points/" + reprimandM1 + "/corrections", new JsonObject()
                .put("reason", "x").put("evidenceRef", "x")), 404, "entryId");

        refused("UPDATE points_entries SET points = 0 WHERE id = " + reprimandM1);
        refused("DELETE FROM points_entries WHERE id = " + reprimandM1);
        assertEquals(-20, db.count("SELECT points FROM points_entries WHERE id = ?", reprimandM1));

        // The corrected 训诫 no longer fails the month; the proposals that rested on it are withdrawn,
        // the decided ones stay as decided.
        JsonObject m1 = ok(officerA.post(close(M1), new JsonObject()));
        assertResult(m1, li, 5, 105, "GOOD", 0);
        JsonArray proposals = m1.getJsonArray("proposals");
        assertEquals("WITHDRAWN", proposal(proposals, li, "FAILING_MONTHS").getString("status"));
        assertEquals("WITHDRAWN", proposal(proposals, li, "REPEATED_REPRIMANDS").getString("status"));
        assertEquals("ACCEPTED", proposal(proposals, zhao, "GOOD_MONTHS").getString("status"));
        assertEquals("REJECTED", proposal(proposals, wang, "GOOD_MONTHS").getString("status"));
        assertEquals("PENDING", proposal(proposals, sun, "GOOD_MONTHS").getString("status"));
    }

    @Test
    @Order(8)
    void theBoardLeavesMinorsOutAndShowsNamesAsTheOfficeDecides() throws Exception {
        JsonObject board = ok(officerA.get(board(M1, "")));
        assertEquals("MASKED", board.getString("names"));
        assertEquals("CLOSED", board.getString("status"));
        List<String> names = board.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getString("name")).toList();
        assertEquals(4, names.size(), board.encodePrettily());
        assertTrue(names.containsAll(List.of("张*", "李*", "赵*", "孙*")), names.toString());
        assertFalse(names.contains("王*"));
        assertEquals("张*", board.getJsonArray("rows").getJsonObject(3).getString("name")); // lowest score last
        assertEquals("合格", board.getJsonArray("rows").getJsonObject(3).getString("gradeLabel"));

        assertEquals("FULL", ok(officerA.put("/api/offices/" + officeA + "/points-settings",
                new JsonObject().put("boardNames", "FULL"))).getString("boardNames"));
        problem(officerA.put("/api/offices/" + officeA + "/points-settings", new JsonObject().put("boardNames", "HALF")),
                400, "boardNames");

        HttpResponse<Buffer> xlsx = officerA.get(board(M1, "?format=xlsx"));
        assertEquals(200, xlsx.statusCode(), xlsx.bodyAsString());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.getHeader("Content-Type"));
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertTrue(sheet.getRow(0).getCell(0).getStringCellValue().contains("积分A司法所"));
            assertEquals("姓名", sheet.getRow(1).getCell(1).getStringCellValue());
            for (int i = 2; i <= sheet.getLastRowNum(); i++) {
                Row r = sheet.getRow(i);
                rows.add(List.of(r.getCell(1).getStringCellValue(), r.getCell(2).getStringCellValue(),
                        Integer.toString((int) r.getCell(3).getNumericCellValue()), r.getCell(4).getStringCellValue()));
            }
        }
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.contains(List.of("张三", "严管", "94", "合格")), rows.toString());
        assertTrue(rows.contains(List.of("李四", "普管", "105", "良好")), rows.toString());
        assertTrue(rows.stream().noneMatch(r -> r.get(0).startsWith("王")), rows.toString());

        HttpResponse<Buffer> pdf = officerA.get(board(M1, "?format=pdf"));
        assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
        assertEquals("application/pdf", pdf.getHeader("Content-Type"));
        PdfReader reader = new PdfReader(pdf.body().getBytes());
        try {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            for (String expected : List.of("张三", "李四", "赵六", "孙七", "合格", "良好", "积分A司法所")) {
                assertTrue(text.contains(expected), expected + " missing from: " + text);
            }
            assertFalse(text.contains("王五"), text);
        } finally {
            reader.close();
        }
        assertEquals(2, db.count("SELECT count(*) FROM audit_log WHERE action = 'assessment.board.export'"));
        problem(officerA.get(board(M1, "?format=docx")), 400, "format");
        problem(officerA.get(board(NOW, "")), 404, "month");
    }

    @Test
    @Order(9)
    void onlyACountySupervisorApprovesAndApprovalFreezesTheMonth() {
        assertEquals(403, officerA.post(approve(M1), new JsonObject()).statusCode());
        assertEquals(403, procuratorX.post(approve(M1), new JsonObject()).statusCode());
        JsonObject before = ok(officerA.get("/api/offices/" + officeA + "/assessments/" + M1));
        JsonObject approved = ok(supervisorX.post(approve(M1), new JsonObject()));
        assertEquals("APPROVED", approved.getString("status"));
        assertNotNull(approved.getString("approvedBy"));
        assertEquals(before.getJsonArray("results"), approved.getJsonArray("results"));

        problem(officerA.post(close(M1), new JsonObject()), 409, "month");
        problem(supervisorX.post(approve(M1), new JsonObject()), 409, "month");
        problem(officerA.post("/api/persons/" + zhao + "/points", entry("REPRIMAND", M1.atDay(3))), 409, "occurredOn");
        long serviceEntry = entries(li).stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("kind").equals("COMMUNITY_SERVICE")).findFirst().orElseThrow().getLong("id");
        problem(officerA.post("/api/points/" + serviceEntry + "/corrections", new JsonObject()
                .put("reason", "x").put("evidenceRef", "x")), 409, "entryId");
        refused("UPDATE assessment_results SET score = 0 WHERE month = '" + M1.atDay(1) + "'");
        refused("UPDATE assessments SET status = 'CLOSED', approved_at = NULL WHERE month = '" + M1.atDay(1) + "'");

        // A violation of the frozen month confirmed only now counts in the current month instead.
        long late = alert(zhao, "CURFEW_BREACH", M1.atDay(25).atTime(23, 0), null);
        assertEquals(200, officerA.post("/api/alerts/" + late + "/resolve", new JsonObject()
                .put("resolution", "CONFIRMED_VIOLATION").put("note", "夜间未归")).statusCode());
        JsonObject lateEntry = entries(zhao).stream().map(JsonObject.class::cast)
                .filter(e -> e.getLong("alertId") != null && e.getLong("alertId") == late).findFirst().orElseThrow();
        assertEquals(NOW.toString(), lateEntry.getString("month"));
        assertEquals(M1.atDay(25).toString(), lateEntry.getString("occurredOn"));
        assertEquals(before.getJsonArray("results"),
                ok(officerA.get("/api/offices/" + officeA + "/assessments/" + M1)).getJsonArray("results"));
        assertEquals("APPROVED", ok(officerA.get(board(M1, ""))).getString("status"));
    }

    @Test
    @Order(10)
    void scopingOtherOfficesProcuratorsAndAdministrators() {
        problem(officerB.get("/api/offices/" + officeA + "/assessments/" + M1), 404, "officeId");
        problem(officerB.post(close(M2), new JsonObject()), 404, "officeId");
        problem(officerB.get(board(M1, "")), 404, "officeId");
        problem(officerB.get("/api/offices/" + officeA + "/proposals"), 404, "officeId");
        problem(officerB.get("/api/persons/" + zhang + "/points"), 404, "personId");
        problem(officerB.post("/api/persons/" + zhang + "/points", entry("COMMENDATION", M1.atDay(2))), 404, "personId");

        assertEquals(200, procuratorX.get("/api/offices/" + officeA + "/assessments/" + M1).statusCode());
        assertEquals(200, procuratorX.get(board(M1, "?format=xlsx")).statusCode());
        assertEquals(200, procuratorX.get("/api/persons/" + zhang + "/points").statusCode());
        assertEquals(403, procuratorX.post("/api/persons/" + zhang + "/points", entry("COMMENDATION", M1.atDay(2))).statusCode());
        assertEquals(403, procuratorX.post(close(M2), new JsonObject()).statusCode());
        assertEquals(403, procuratorX.put("/api/offices/" + officeA + "/points-settings",
                new JsonObject().put("boardNames", "MASKED")).statusCode());
        assertEquals(200, supervisorX.get("/api/offices/" + officeA + "/assessments/" + M1).statusCode());

        assertEquals(403, admin.get("/api/offices/" + officeA + "/assessments/" + M1).statusCode());
        assertEquals(403, admin.get("/api/persons/" + zhang + "/points").statusCode());
        assertEquals(401, tether.anonymous().get(board(M1, "")).statusCode());
    }

    @Test
    @Order(11)
    void aPersonSeesTheirOwnPointsInTheAppOnlyPublishedMonthsGraded() {
        var code = officerA.post("/api/persons/" + zhao + "/enrolment-codes", new JsonObject());
        assertEquals(201, code.statusCode(), code.bodyAsString());
        PhoneClient phone = PhoneClient.enrolled(tether.httpPort(), code.bodyAsJsonObject().getString("code")).phone();

        JsonObject mine = new JsonObject(phone.send("GET", "/points", null).body());
        assertEquals(NOW.toString(), mine.getString("month"));
        // 赵六's only entry this month is the late-confirmed curfew breach of step 9 (−10).
        assertEquals(100, mine.getInteger("base"));
        assertEquals(90, mine.getInteger("score"));
        JsonObject entry = mine.getJsonArray("entries").getJsonObject(0);
        assertEquals("ALERT_VIOLATION", entry.getString("kind"));
        assertEquals(-10, entry.getInteger("points"));
        // M1 was approved in step 9 and shows with its grade; M2..M6 are closed but not approved: not shown.
        JsonArray history = mine.getJsonArray("history");
        assertEquals(1, history.size(), history.encode());
        JsonObject m1 = history.getJsonObject(0);
        JsonObject staffView = ok(officerA.get("/api/offices/" + officeA + "/assessments/" + M1)).getJsonArray("results")
                .stream().map(JsonObject.class::cast).filter(r -> zhao.equals(r.getString("personId"))).findFirst()
                .orElseThrow();
        assertEquals(M1.toString(), m1.getString("month"));
        assertEquals(staffView.getInteger("score"), m1.getInteger("score"));
        assertEquals("GOOD", m1.getString("grade"));
        assertEquals("良好", m1.getString("gradeLabel"));

        JsonObject status = new JsonObject(phone.send("GET", "/status", null).body()).getJsonObject("points");
        assertEquals(90, status.getInteger("score"));
        assertEquals("GOOD", status.getJsonObject("lastGrade").getString("grade"));

        // The phone's own person only, and the parameter is checked.
        assertEquals(400, phone.send("GET", "/points?months=0", null).statusCode());
        assertTrue(new JsonObject(phone.send("GET", "/points?months=25", null).body()).getString("detail")
                .contains("months"));
        assertEquals(401, new PhoneClient(tether.httpPort(), "not-a-token").send("GET", "/points", null).statusCode());
    }

    // --- helpers ---

    private String close(YearMonth m) {
        return "/api/offices/" + officeA + "/assessments/" + m + "/close";
    }

    private String approve(YearMonth m) {
        return "/api/offices/" + officeA + "/assessments/" + m + "/approve";
    }

    private String board(YearMonth m, String query) {
        return "/api/offices/" + officeA + "/assessments/" + m + "/board" + query;
    }

    private static JsonObject entry(String kind, LocalDate on) {
        return new JsonObject().put("kind", kind).put("occurredOn", on.toString()).put("reason", "测试：" + kind)
                .put("evidenceRef", "文书〔2026〕" + kind);
    }

    private JsonArray entries(String person) {
        return ok(officerA.get("/api/persons/" + person + "/points")).getJsonArray("items");
    }

    /** An alert as the watches would have raised it (the raising itself is tested elsewhere). */
    private long alert(String person, String type, LocalDateTime firstSeenShanghai, LocalDateTime clearedShanghai) {
        var first = firstSeenShanghai.atZone(SHANGHAI).toOffsetDateTime();
        var cleared = clearedShanghai == null ? null : clearedShanghai.atZone(SHANGHAI).toOffsetDateTime();
        return db.count("INSERT INTO alerts (person_id, type, severity, dedup_key, first_seen, last_seen,"
                        + " condition_cleared_at, rule) VALUES (?::uuid, ?, 'HIGH', ?, ?, ?, ?, 'test') RETURNING id",
                person, type, type + "-" + first, first, cleared == null ? first : cleared, cleared);
    }

    private static JsonObject result(JsonObject assessment, String person) {
        return find(assessment.getJsonArray("results"), r -> r.getString("personId").equals(person));
    }

    private static void assertResult(JsonObject assessment, String person, int points, int score, String grade, int sanctions) {
        JsonObject r = result(assessment, person);
        assertEquals(points, r.getInteger("points"), r.encode());
        assertEquals(score, r.getInteger("score"), r.encode());
        assertEquals(grade, r.getString("grade"), r.encode());
        assertEquals(sanctions, r.getInteger("sanctions"), r.encode());
        assertEquals(100, r.getInteger("base"));
    }

    private static JsonObject proposal(JsonArray proposals, String person, String rule) {
        return find(proposals, p -> p.getString("personId").equals(person) && p.getString("rule").equals(rule));
    }

    private static JsonObject find(JsonArray items, Predicate<JsonObject> wanted) {
        return items.stream().map(JsonObject.class::cast).filter(wanted).findFirst()
                .orElseThrow(() -> new AssertionError("not found in " + items.encodePrettily()));
    }

    private void refused(String sql) {
        try {
            db.count(sql + " RETURNING 1");
        } catch (IllegalStateException e) {
            String cause = String.valueOf(e.getCause());
            assertTrue(cause.contains("append-only") || cause.contains("frozen"), cause);
            return;
        }
        throw new AssertionError(sql + " succeeded");
    }

    private String person(String name, String tier, boolean minor) {
        return created(officerA.post("/api/persons", new JsonObject().put("displayName", name).put("caseType", "PROBATION")
                .put("correctionStartsOn", NOW.minusMonths(12).atDay(1).toString())
                .put("correctionEndsOn", NOW.plusMonths(12).atDay(1).toString()).put("tier", tier).put("minor", minor)))
                .getString("id");
    }

}
