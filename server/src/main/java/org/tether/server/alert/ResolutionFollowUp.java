package org.tether.server.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/**
 * What else happens, in the resolving transaction, when an officer resolves an alert (e.g. the points
 * ledger's entry for a confirmed violation). Keeps the alert package ignorant of its consumers.
 */
@FunctionalInterface
public interface ResolutionFollowUp {

    Future<Void> resolved(SqlClient tx, Alert alert, UUID actor);
}
