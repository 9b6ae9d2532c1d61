package org.tether.server.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An API contract (OpenAPI YAML on the class path) as a checker. {@link PhoneClient} passes every answer it
 * receives through the phone contract ({@code mobile-openapi.yaml}), {@link RunningTether.Session} every staff
 * answer through the staff contract ({@code openapi.yaml}): every test also proves that the server answers with
 * a status the contract declares for the operation, with a declared media type, and (for JSON) a body matching
 * the declared schema — the contracts cannot drift from what the server really sends.
 */
public final class ApiContract {

    /** Loaded once per test JVM; immutable afterwards. */
    private static final class Phone {
        static final ApiContract INSTANCE = new ApiContract("mobile-openapi.yaml", "/phone/v1");
    }

    private static final class Staff {
        static final ApiContract INSTANCE = new ApiContract("openapi.yaml", "");
    }

    private record Route(Pattern pattern, String template, JsonObject item) {
    }

    private final String base;
    private final String resource;
    private final String prefix;
    private final JsonObject contract;
    private final SchemaRepository schemas;
    private final List<Route> routes = new ArrayList<>();

    /** @param prefix what the server puts before the contract's paths */
    private ApiContract(String resource, String prefix) {
        this.resource = resource;
        this.prefix = prefix;
        this.base = "https://tether.test/" + resource;
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the test class path");
            }
            contract = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(in, Map.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        schemas = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(base)
                .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic));
        // The repository annotates what it is given; keep our copy clean for the route lookups.
        schemas.dereference(base, JsonSchema.of(contract.copy()));
        JsonObject paths = contract.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            routes.add(new Route(Pattern.compile(regex), template, paths.getJsonObject(template)));
        }
    }

    /** The phone app's contract; its paths are below {@code /phone/v1}. */
    public static ApiContract phone() {
        return Phone.INSTANCE;
    }

    /** The staff API's contract ({@code /api/*}, health, metrics). */
    public static ApiContract staff() {
        return Staff.INSTANCE;
    }

    public void check(String method, String path, HttpResponse<String> answer) {
        check(method, path, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body());
    }

    /**
     * Fails the test when the answer to {@code method} {@code path} (below the contract's prefix; a query string
     * is ignored) is not what the contract declares.
     *
     * @param contentType the answer's Content-Type header, null when it has none
     */
    public void check(String method, String path, int status, String contentType, String body) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String where = method + " " + prefix + bare + " → " + status;
        Route route = routes.stream().filter(r -> r.pattern().matcher(bare).matches())
                // A literal segment beats a parameter when both match (e.g. /leaves/mine vs /leaves/{id}).
                .min((a, b) -> Integer.compare(a.template().split("\\{").length, b.template().split("\\{").length))
                .orElseThrow(() -> new AssertionError(where + ": the path is not in " + resource));
        JsonObject operation = route.item().getJsonObject(method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            throw new AssertionError(where + ": no " + method + " operation for " + route.template() + " in the contract");
        }
        JsonObject responses = operation.getJsonObject("responses", new JsonObject());
        JsonObject declared = resolve(responses.getJsonObject(Integer.toString(status),
                responses.getJsonObject("default")));
        if (declared == null && status == 401 && needsToken(operation)) {
            // Both contracts state once, in their description, that every operation needing a token answers 401.
            declared = new JsonObject().put("content", new JsonObject().put("application/problem+json",
                    new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/Problem"))));
        }
        if (declared == null) {
            throw new AssertionError(where + ": status not declared for " + route.template() + " (declared: "
                    + responses.fieldNames() + ")\n" + body);
        }
        JsonObject content = declared.getJsonObject("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content == null || content.isEmpty()) {
            if (hasBody) {
                throw new AssertionError(where + ": the contract declares no body, the server sent one\n" + body);
            }
            return;
        }
        if (contentType == null) {
            throw new AssertionError(where + ": no Content-Type; the contract declares " + content.fieldNames());
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.containsKey(mediaType)) {
            throw new AssertionError(where + ": media type " + mediaType + " not declared (" + content.fieldNames() + ")");
        }
        JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
        if (schema == null || !(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            return;
        }
        Object json;
        try {
            json = io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new AssertionError(where + ": declared JSON, body is not JSON\n" + body, e);
        }
        // The schema's references ("#/components/...") point into the contract, which the repository knows by its URI.
        OutputUnit result = schemas.validator(JsonSchema.of(absolute(schema.copy())),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(base)
                        .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic)).validate(json);
        if (!result.getValid()) {
            throw new AssertionError(where + ": body does not match the contract's schema: " + errors(result) + "\n"
                    + body);
        }
    }

    private boolean needsToken(JsonObject operation) {
        JsonArray security = operation.containsKey("security") ? operation.getJsonArray("security")
                : contract.getJsonArray("security", new JsonArray());
        return !security.isEmpty();
    }

    private JsonObject absolute(JsonObject schema) {
        for (String key : schema.fieldNames()) {
            Object value = schema.getValue(key);
            if (key.equals("$ref") && value instanceof String ref && ref.startsWith("#")) {
                schema.put(key, base + ref);
            } else if (value instanceof JsonObject o) {
                absolute(o);
            } else if (value instanceof JsonArray a) {
                a.forEach(item -> {
                    if (item instanceof JsonObject o) {
                        absolute(o);
                    }
                });
            }
        }
        return schema;
    }

    private JsonObject resolve(JsonObject maybeRef) {
        if (maybeRef == null || !maybeRef.containsKey("$ref")) {
            return maybeRef;
        }
        Object target = JsonPointer.from(maybeRef.getString("$ref").substring(1)).queryJson(contract);
        return target instanceof JsonObject o ? o : null;
    }

    private static String errors(OutputUnit unit) {
        JsonArray out = new JsonArray();
        if (unit.getErrors() != null) {
            unit.getErrors().forEach(e -> out.add(e.getInstanceLocation() + ": " + e.getError()));
        }
        return out.isEmpty() ? String.valueOf(unit.getError()) : out.encode();
    }
}
