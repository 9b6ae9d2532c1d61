package org.tether.gateway.mqtt;

import io.vertx.core.Future;

/**
 * Consumes inbound messages. The returned future completes once the message's outcome — its fixes
 * committed, or its rejection dead-lettered — is durable; only then is the message acknowledged to
 * the broker. It must always complete eventually (retrying storage itself): a message never
 * acknowledged holds back the acknowledgements of every later one.
 */
@FunctionalInterface
public interface InboundHandler {

    Future<Void> handle(InboundMessage message);
}
