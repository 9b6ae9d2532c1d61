package org.tether.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The contract at /openapi.yaml names exactly the routes the server mounts, no more and no fewer. */
class OpenApiContractTest {

    @Test
    void everyMountedRouteIsInTheContractAndEveryOperationIsMounted() throws Exception {
        JsonNode contract;
        try (InputStream in = StaffApi.class.getResourceAsStream("/openapi.yaml")) {
            contract = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertEquals("3.1.0", contract.path("openapi").asText());
        Set<String> documented = new TreeSet<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        Vertx vertx = Vertx.vertx();
        try {
            Router router = StaffApi.router(vertx, new StaffApi.Services(null, null, null, null, null, null, null, null,
                    null, null, null, null, () -> true, 1000,
                    new StaffApi.Phone(null, 1024, null, null, null, 600), null, null, false));
            Set<String> mounted = new TreeSet<>();
            for (Route route : router.getRoutes()) {
                if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                    continue; // body handler, authentication, failure handler
                }
                String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
                route.methods().forEach(m -> mounted.add(m.name() + " " + path));
            }
            assertEquals(documented, mounted);
        } finally {
            vertx.close();
        }
    }
}
