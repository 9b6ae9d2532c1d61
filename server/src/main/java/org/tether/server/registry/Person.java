package org.tether.server.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A supervised person (社区矫正对象) as stored. {@link #toJson()} masks the ID-card number;
 * {@link #toString()} shows neither the name nor the number.
 */
public record Person(UUID id, String displayName, UUID officeId, UUID responsibleOfficerId, CaseType caseType,
                     LocalDate correctionStartsOn, LocalDate correctionEndsOn, SupervisionTier tier, boolean minor,
                     String idCardNumber, PersonStatus status, LocalDate endedOn, List<UUID> zoneIds) {

    static final String COLUMNS = "p.id, p.display_name, p.office_id, p.responsible_officer_id, p.case_type,"
            + " p.correction_starts_on, p.correction_ends_on, p.tier, p.minor, p.id_card_number, p.status, p.ended_on,"
            + " ARRAY(SELECT zone_id FROM person_zones pz WHERE pz.person_id = p.id ORDER BY zone_id) AS zone_ids";

    public Person {
        zoneIds = List.copyOf(zoneIds);
    }

    static Person fromRow(Row r) {
        String caseType = r.getString("case_type");
        UUID[] zones = r.getArrayOfUUIDs("zone_ids");
        return new Person(r.getUUID("id"), r.getString("display_name"), r.getUUID("office_id"),
                r.getUUID("responsible_officer_id"), caseType == null ? null : CaseType.valueOf(caseType),
                r.getLocalDate("correction_starts_on"), r.getLocalDate("correction_ends_on"),
                SupervisionTier.valueOf(r.getString("tier")), r.getBoolean("minor"), r.getString("id_card_number"),
                PersonStatus.valueOf(r.getString("status")), r.getLocalDate("ended_on"),
                zones == null ? List.of() : List.of(zones));
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id.toString()).put("displayName", displayName)
                .put("officeId", str(officeId)).put("responsibleOfficerId", str(responsibleOfficerId))
                .put("caseType", caseType == null ? null : caseType.name())
                .put("correctionStartsOn", str(correctionStartsOn)).put("correctionEndsOn", str(correctionEndsOn))
                .put("tier", tier.name()).put("minor", minor)
                .put("idCardNumber", IdCardNumbers.mask(idCardNumber))
                .put("status", status.name()).put("endedOn", str(endedOn))
                .put("zoneIds", zoneIds.stream().map(UUID::toString).toList());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @Override
    public String toString() {
        return "Person[" + id + ", office " + officeId + ", " + status + "]";
    }
}
