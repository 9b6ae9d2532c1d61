package org.tether.server.staff;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.server.config.TetherConfig.StaffConfig;

/**
 * The first administrator: created from configuration ({@code staff.adminUsername},
 * {@code staff.adminPassword}) at a start that finds no active administrator. Later starts leave
 * existing accounts alone, so changing the configured password afterwards changes nothing.
 */
public final class BootstrapAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final StaffRepository staff;
    private final StaffPasswords passwords;

    public BootstrapAdmin(StaffRepository staff, StaffPasswords passwords) {
        this.staff = staff;
        this.passwords = passwords;
    }

    public Future<Void> ensure(StaffConfig config) {
        return staff.anyActiveAdmin().compose(exists -> {
            if (exists) {
                return Future.succeededFuture();
            }
            String password = config.adminPassword();
            if (password == null || password.isEmpty()) {
                LOG.warn("no active administrator and no staff.adminPassword: nobody can sign in to manage staff."
                        + " Set TETHER_STAFF_ADMINPASSWORD (12+ characters) and restart");
                return Future.succeededFuture();
            }
            return passwords.hash(password)
                    .compose(hash -> staff.ensureAdmin(config.adminUsername(), hash))
                    .onSuccess(created -> {
                        if (created) {
                            LOG.info("created the bootstrap administrator '{}'", config.adminUsername());
                        }
                    })
                    .mapEmpty();
        });
    }
}
