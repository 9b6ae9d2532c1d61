package org.tether.server.inspection;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.points.BoardNames;
import org.tether.server.points.Boards;

/**
 * Reads an office's quarter for the joint inspection. Each sheet is one query whose columns are printed
 * as they come, except {@code display_name}, which is shown as the office shows names on its board.
 * The ID-card number is never selected. Alerts have no office of their own: they are the office's
 * through the person's current office, as everywhere else.
 */
public final class Inspections {

    private static final String ZONE = "Asia/Shanghai";

    private static final String PERSONS = """
            SELECT p.id::text AS id, p.display_name,
                   CASE p.tier WHEN 'STRICT' THEN '严管' WHEN 'NORMAL' THEN '普管' WHEN 'LENIENT' THEN '宽管' ELSE p.tier END,
                   CASE p.case_type WHEN 'PROBATION' THEN '缓刑' WHEN 'PAROLE' THEN '假释' WHEN 'PUBLIC_SURVEILLANCE' THEN '管制'
                        WHEN 'TEMPORARY_OUTSIDE_PRISON' THEN '暂予监外执行' ELSE p.case_type END,
                   p.correction_starts_on::text, p.correction_ends_on::text,
                   CASE p.status WHEN 'IN_SUPERVISION' THEN '在矫' WHEN 'ENDED' THEN '解矫' ELSE p.status END,
                   p.ended_on::text
              FROM persons p
             WHERE p.office_id = $1
               AND (p.correction_starts_on IS NULL OR p.correction_starts_on < $3)
               AND (p.correction_ends_on IS NULL OR p.correction_ends_on >= $2)
               AND (p.ended_on IS NULL OR p.ended_on >= $2)
             ORDER BY p.display_name, p.id""";

    private static final String ALERTS = """
            SELECT a.id, p.display_name, a.type, a.severity, %s, %s, %s, a.state, a.resolution, %s, a.resolution_note,
                   CASE WHEN a.major_incident_at IS NULL THEN '否' ELSE '是' END
              FROM alerts a JOIN persons p ON p.id = a.person_id
             WHERE p.office_id = $1 AND a.first_seen >= $2 AND a.first_seen < $3
             ORDER BY a.first_seen, a.id""".formatted(time("a.first_seen"), time("a.last_seen"),
            time("a.condition_cleared_at"), time("a.resolved_at"));

    private static final String POINTS = """
            SELECT e.id, p.display_name, to_char(e.month, 'YYYY-MM'), e.occurred_on::text, e.kind, e.quantity, e.points,
                   e.reason, e.evidence_ref, e.alert_id, e.corrects_entry_id, %s
              FROM points_entries e JOIN persons p ON p.id = e.person_id
             WHERE e.office_id = $1 AND e.month >= $2 AND e.month < $3
             ORDER BY e.month, e.id""".formatted(time("e.recorded_at"));

    private static final String RESULTS = """
            SELECT to_char(r.month, 'YYYY-MM'), p.display_name,
                   CASE r.tier WHEN 'STRICT' THEN '严管' WHEN 'NORMAL' THEN '普管' WHEN 'LENIENT' THEN '宽管' ELSE r.tier END,
                   r.base, r.points, r.score,
                   CASE r.grade WHEN 'GOOD' THEN '良好' WHEN 'PASS' THEN '合格' WHEN 'FAIL' THEN '不合格' ELSE r.grade END,
                   r.sanctions, CASE a.status WHEN 'APPROVED' THEN '已审批' ELSE '已结算未审批' END
              FROM assessment_results r
              JOIN assessments a ON a.office_id = r.office_id AND a.month = r.month
              JOIN persons p ON p.id = r.person_id
             WHERE r.office_id = $1 AND r.month >= $2 AND r.month < $3
             ORDER BY r.month, r.score DESC, p.display_name, p.id""";

    private static final String NOTIFICATIONS = """
            SELECT n.id, p.display_name, n.kind, n.article, %s, %s,
                   CASE WHEN n.status = 'DELIVERED' THEN 'DELIVERED' WHEN NOT $4 THEN 'OFF'
                        WHEN n.rejected THEN 'REFUSED' ELSE 'PENDING' END,
                   n.attempts, %s, n.summary
              FROM procuratorate_notifications n JOIN persons p ON p.id = n.person_id
             WHERE n.office_id = $1 AND coalesce(n.occurred_at, n.created_at) >= $2 AND coalesce(n.occurred_at, n.created_at) < $3
             ORDER BY coalesce(n.occurred_at, n.created_at), n.id""".formatted(time("coalesce(n.occurred_at, n.created_at)"),
            time("n.created_at"), time("n.delivered_at"));

    /** Issued in the quarter, or issued before it and answered in it or not answered yet. */
    private static final String RECOMMENDATIONS = """
            SELECT r.id::text, CASE r.kind WHEN 'RECOMMENDATION' THEN '检察建议' ELSE '纠正意见' END, p.display_name, r.content,
                   %s, %s, r.reply, %s,
                   CASE WHEN r.reply IS NULL AND now() > r.reply_due_at THEN '是' ELSE '否' END,
                   CASE WHEN r.replied_at > r.reply_due_at THEN '是' ELSE '否' END
              FROM procuratorate_recommendations r LEFT JOIN persons p ON p.id = r.person_id
             WHERE r.office_id = $1 AND r.issued_at < $3 AND (r.issued_at >= $2 OR r.reply IS NULL OR r.replied_at >= $2)
             ORDER BY r.issued_at, r.id""".formatted(time("r.issued_at"), time("r.reply_due_at"), time("r.replied_at"));

    private final Boards boards;
    private final boolean deliveryOn;

    public Inspections(Boards boards, boolean deliveryOn) {
        this.boards = boards;
        this.deliveryOn = deliveryOn;
    }

    /** Empty when there is no such office. */
    public Future<Optional<InspectionReport>> report(SqlClient client, UUID officeId, Quarter q) {
        return client.preparedQuery("SELECT name FROM offices WHERE id = $1").execute(Tuple.of(officeId))
                .compose(office -> {
                    if (office.size() == 0) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    String officeName = office.iterator().next().getString("name");
                    return boards.names(client, officeId).compose(names -> {
                        List<InspectionReport.Sheet> sheets = new ArrayList<>();
                        Tuple days = Tuple.of(officeId, q.firstDay(), q.endDay());
                        Tuple times = Tuple.of(officeId, q.start(), q.end());
                        return sheet(client, names, sheets, "矫正对象", PERSONS, days,
                                "编号", "姓名", "管理等级", "矫正类别", "矫正起日", "矫正止日", "状态", "解矫日期")
                                .compose(v -> sheet(client, names, sheets, "告警", ALERTS, times, "告警编号", "姓名",
                                        "类型", "级别", "首次发生", "最近发生", "情况消除", "状态", "处置结论", "处置时间",
                                        "处置说明", "重大事件"))
                                .compose(v -> sheet(client, names, sheets, "积分", POINTS, days, "记录编号", "姓名",
                                        "考核月", "发生日期", "类别", "数量", "分值", "事由", "证据", "告警编号", "更正记录",
                                        "记录时间"))
                                .compose(v -> sheet(client, names, sheets, "月度考核", RESULTS, days, "考核月", "姓名",
                                        "管理等级", "基础分", "加减分", "得分", "考核等次", "处罚次数", "状态"))
                                .compose(v -> sheet(client, names, sheets, "检察通知", NOTIFICATIONS,
                                        Tuple.of(officeId, q.start(), q.end(), deliveryOn), "通知编号", "姓名", "事项",
                                        "法条", "发生时间", "记录时间", "送达状态", "发送次数", "送达时间", "摘要"))
                                .compose(v -> sheet(client, names, sheets, "检察建议与回复", RECOMMENDATIONS, times,
                                        "编号", "类别", "姓名", "内容", "发出时间", "回复期限", "回复", "回复时间", "逾期未复",
                                        "逾期回复"))
                                .map(v -> Optional.of(new InspectionReport(officeName, q, sheets)));
                    });
                });
    }

    private static Future<Void> sheet(SqlClient client, BoardNames names, List<InspectionReport.Sheet> into, String name,
                                      String sql, Tuple params, String... header) {
        return client.preparedQuery(sql).execute(params).map(rows -> {
            List<List<Object>> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                List<Object> cells = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) {
                    Object v = r.getValue(i);
                    if ("display_name".equals(r.getColumnName(i))) {
                        v = names.show((String) v);
                    } else if (v != null && !(v instanceof Number)) {
                        v = v.toString();
                    }
                    cells.add(v);
                }
                out.add(cells);
            }
            into.add(new InspectionReport.Sheet(name, List.of(header), out));
            return null;
        });
    }

    private static String time(String column) {
        return "to_char(" + column + " AT TIME ZONE '" + ZONE + "', 'YYYY-MM-DD HH24:MI')";
    }
}
