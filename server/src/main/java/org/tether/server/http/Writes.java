package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;
import org.tether.server.audit.AuditEntry;
import org.tether.server.audit.AuditTrail;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistryChanges;
import org.tether.server.staff.StaffPrincipal;

/**
 * Every change through the staff API: one transaction that includes its audit entry (no change commits
 * unattributed), then — for changes the fix path must see — a reload of this instance's live registry
 * before answering (so a 201 means "in force here") and a notice to the other instances.
 */
final class Writes {

    /** A change's result and the audit entry describing it. */
    record Audited<T>(T value, AuditEntry entry) {
    }

    private final Pool pool;
    private final AuditTrail audit;
    private final LiveRegistry registry;
    private final RegistryChanges changes;

    Writes(Pool pool, AuditTrail audit, LiveRegistry registry, RegistryChanges changes) {
        this.pool = pool;
        this.audit = audit;
        this.registry = registry;
        this.changes = changes;
    }

    <T> Future<T> registry(StaffPrincipal actor, Function<SqlConnection, Future<Audited<T>>> work) {
        return run(actor, work).compose(v -> registry.reload().compose(r -> changes.announce()).map(v));
    }

    /** A change the fix path does not read (organisation, staff, orders). */
    <T> Future<T> run(StaffPrincipal actor, Function<SqlConnection, Future<Audited<T>>> work) {
        return pool.withTransaction(tx -> work.apply(tx)
                .compose(a -> audit.record(tx, actor, a.entry()).map(a.value())));
    }

    Pool pool() {
        return pool;
    }

    AuditTrail audit() {
        return audit;
    }
}
