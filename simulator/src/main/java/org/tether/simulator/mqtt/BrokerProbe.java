package org.tether.simulator.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/** A quick TCP check that something listens at the broker's address, before any setup is done. */
public final class BrokerProbe {

    private BrokerProbe() {
    }

    /** Empty if a TCP connection could be opened; otherwise why not. */
    public static Optional<String> problemReaching(BrokerAddress broker, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(broker.host(), broker.port()), (int) timeout.toMillis());
            return Optional.empty();
        } catch (java.net.ConnectException e) {
            return Optional.of("connection refused");
        } catch (java.net.SocketTimeoutException e) {
            return Optional.of("no answer within " + timeout.toSeconds() + " s");
        } catch (java.net.UnknownHostException e) {
            return Optional.of("unknown host " + broker.host());
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
