package org.tether.server.points;

import java.util.UUID;
import org.tether.server.registry.SupervisionTier;

/**
 * What a close proposes for one person: a tier change ({@code tier} set) or a sanction
 * ({@code sanction} set), with the facts it rests on in words ({@code basis}, zh-CN, shown to officers).
 */
public record ProposedAction(UUID personId, ProposalRule rule, SupervisionTier tier, PointsKind sanction, String basis) {

    public String kind() {
        return tier != null ? "TIER_CHANGE" : "SANCTION";
    }
}
