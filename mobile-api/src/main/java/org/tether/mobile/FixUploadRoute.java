package org.tether.mobile;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /phone/v1/fixes}: a batch of fixes the app buffered while MQTT was unreachable, in the
 * JSON v1 fix format it publishes over MQTT ({@code {"v":1,"fixes":[…]}}). The body goes to the
 * backend as bytes, so the server decodes it with the MQTT path's own decoder; here only the size is
 * bounded, before the body is read.
 */
final class FixUploadRoute {

    /** The MQTT path's message limit ({@code DecodeLimits}): one upload is one message's worth. */
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private FixUploadRoute() {
    }

    /** Runs before the body is read: a declared length over the limit is refused without reading it. */
    static void checkLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BATCH_BYTES) {
                    tooLarge().send(ctx);
                    return;
                }
            } catch (NumberFormatException e) {
                PhoneProblem.badRequest(null, "Content-Length is not a number").send(ctx);
                return;
            }
        }
        ctx.next();
    }

    static PhoneProblem tooLarge() {
        return new PhoneProblem(413, "Batch too large", "an upload carries at most 500 fixes and "
                + MAX_BATCH_BYTES + " bytes: split the buffer into smaller batches", "fixes", null);
    }

    static void upload(RoutingContext ctx, PhoneBackend backend, PhonePrincipal phone) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            new PhoneProblem(415, "Unsupported media type", "send the batch as application/json", null, null).send(ctx);
            return;
        }
        Buffer body = ctx.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        if (bytes.length > MAX_BATCH_BYTES) {
            tooLarge().send(ctx);
            return;
        }
        backend.uploadFixes(phone, bytes)
                .onSuccess(r -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(r.toJson().encode()))
                .onFailure(ctx::fail);
    }
}
