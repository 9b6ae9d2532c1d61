package org.tether.mobile;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone app's HTTP API ({@code /phone/v1}; contract: {@code mobile-openapi.yaml}, served at
 * {@code /phone/v1/openapi.yaml}). Handlers check the request's shape and leave everything else to the
 * {@link PhoneBackend}. Every route but enrolment and the contract needs {@code Authorization: Bearer
 * <token from enrolment>}; errors are {@code application/problem+json} naming the field.
 */
public final class MobileApi {

    public static final String PREFIX = "/phone/v1";
    private static final Logger LOG = LoggerFactory.getLogger(MobileApi.class);
    private static final String PRINCIPAL = "tether.phone.principal";
    private static final Set<String> PLATFORMS = Set.of("ANDROID", "IOS");

    private final PhoneBackend backend;
    private final int maxPhotoBytes;

    private MobileApi(PhoneBackend backend, int maxPhotoBytes) {
        this.backend = backend;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    /** A router to mount at {@link #PREFIX} (its routes are relative to it). */
    public static Router router(Vertx vertx, PhoneBackend backend, int maxPhotoBytes) {
        MobileApi api = new MobileApi(backend, maxPhotoBytes);
        Router router = Router.router(vertx);
        router.get("/openapi.yaml").handler(MobileApi::contract);
        router.post("/fixes").handler(FixUploadRoute::checkLength);
        router.route().handler(BodyHandler.create().setBodyLimit(maxPhotoBytes + 4096L).setHandleFileUploads(false));
        router.post("/enrolment").handler(api::enrol);
        router.route().handler(api::authenticate);
        router.put("/push-token").handler(api::pushToken);
        router.post("/check-ins").handler(api::checkIn);
        router.put("/check-ins/:checkInId/photo").handler(api::photo);
        router.get("/location-checks").handler(api::openChecks);
        router.post("/location-checks/:checkId/answer").handler(api::answer);
        PhoneInboxRoutes.mount(router, backend);
        router.post("/fixes").handler(ctx -> FixUploadRoute.upload(ctx, api.backend, principal(ctx)));
        PhoneLeaveRoutes.mount(router, () -> backend.leaves());
        router.route().failureHandler(MobileApi::failure);
        return router;
    }

    /** {@code {code, platform?, pushToken?}} → 201 with the API token and the MQTT login. */
    private void enrol(RoutingContext ctx) {
        JsonObject body = PhoneJson.object(ctx);
        String code = PhoneJson.text(body, "code", "code", 32, true);
        String platform = PhoneJson.text(body, "platform", "platform", 16, false);
        if (platform != null && !PLATFORMS.contains(platform.toUpperCase(Locale.ROOT))) {
            throw PhoneProblem.badRequest("platform", "'platform' must be one of " + PLATFORMS);
        }
        String pushToken = PhoneJson.text(body, "pushToken", "pushToken", 4096, false);
        backend.enrol(new EnrolRequest(code, platform == null ? null : platform.toUpperCase(Locale.ROOT), pushToken),
                        ctx.request().remoteAddress().hostAddress())
                .onSuccess(e -> json(ctx, 201, e.toJson()))
                .onFailure(ctx::fail);
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
            PhoneProblem.unauthorized("enrol (POST " + PREFIX + "/enrolment) and send 'Authorization: Bearer <token>'")
                    .send(ctx);
            return;
        }
        backend.authenticate(header.substring(7).trim()).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
            } else if (r.result().isEmpty()) {
                PhoneProblem.unauthorized("the token is unknown, expired or revoked: enrol again with a new code").send(ctx);
            } else {
                ctx.put(PRINCIPAL, r.result().get());
                ctx.next();
            }
        });
    }

    static PhonePrincipal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    /** {@code {token}}: the FCM registration token (new or refreshed). */
    private void pushToken(RoutingContext ctx) {
        String token = PhoneJson.text(PhoneJson.object(ctx), "token", "token", 4096, true);
        backend.registerPushToken(principal(ctx), token)
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** {@code {fix}} → 201 receipt (in window or not, where against the inclusion area). */
    private void checkIn(RoutingContext ctx) {
        PhoneFix fix = PhoneJson.fix(PhoneJson.object(ctx));
        backend.checkIn(principal(ctx), fix)
                .onSuccess(r -> json(ctx, 201, r.toJson()))
                .onFailure(ctx::fail);
    }

    /** The raw image as the body, {@code Content-Type: image/jpeg} or {@code image/png}. */
    private void photo(RoutingContext ctx) {
        java.util.UUID id = PhoneJson.pathUuid(ctx, "checkInId");
        Buffer body = ctx.body().buffer();
        Photo photo = PhotoCheck.check(ctx.request().getHeader("Content-Type"), body == null ? new byte[0] : body.getBytes(),
                maxPhotoBytes);
        backend.attachPhoto(principal(ctx), id, photo)
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void openChecks(RoutingContext ctx) {
        backend.openLocationChecks(principal(ctx))
                .onSuccess(list -> json(ctx, 200, new JsonObject().put("items",
                        new JsonArray(list.stream().map(LocationCheckView::toJson).toList()))))
                .onFailure(ctx::fail);
    }

    /** {@code {fix}} → 200 the check, answered (late when after its due time). */
    private void answer(RoutingContext ctx) {
        java.util.UUID id = PhoneJson.pathUuid(ctx, "checkId");
        PhoneFix fix = PhoneJson.fix(PhoneJson.object(ctx));
        backend.answerLocationCheck(principal(ctx), id, fix)
                .onSuccess(v -> json(ctx, 200, v.toJson()))
                .onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static void contract(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            try (var in = MobileApi.class.getResourceAsStream("/mobile-openapi.yaml")) {
                return Buffer.buffer(in.readAllBytes());
            }
        }, false).onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml))
                .onFailure(ctx::fail);
    }

    private static void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        if (e instanceof PhoneProblem p) {
            p.send(ctx);
        } else if (e == null && ctx.statusCode() == 413) {
            new PhoneProblem(413, "Request too large", "the body is too large", null, null).send(ctx);
        } else if (e == null) {
            new PhoneProblem(ctx.statusCode(), "Error", "request failed with status " + ctx.statusCode(), null, null)
                    .send(ctx);
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            new PhoneProblem(500, "Internal error", "the server could not complete the request", null, null).send(ctx);
        }
    }
}
