package org.tether.server.points;

import java.time.Clock;
import org.tether.server.config.TetherConfig.PointsConfig;

/** The points feature's parts, built once from the configuration and shared by the API and the alert lifecycle. */
public record PointsService(PointsRules rules, PointsLedger ledger, MonthlyClose close, Proposals proposals,
                            Boards boards, BoardPdf pdf, Clock clock) {

    public static PointsService create(PointsConfig config, Clock clock) {
        PointsRules rules = new PointsRules(config);
        PointsLedger ledger = new PointsLedger(rules, clock);
        return new PointsService(rules, ledger, new MonthlyClose(rules, new ProposalRules(config.proposals()), clock),
                new Proposals(ledger, clock), new Boards(BoardNames.valueOf(config.board().names())),
                new BoardPdf(config.board().pdfFont()), clock);
    }
}
