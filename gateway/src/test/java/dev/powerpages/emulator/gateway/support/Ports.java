package dev.powerpages.emulator.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

public final class Ports {

    private Ports() {}

    /** A URL on a local port nobody listens on: connections to it are refused. */
    public static URI closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
