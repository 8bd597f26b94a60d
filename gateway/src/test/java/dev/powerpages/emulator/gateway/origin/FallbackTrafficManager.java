package dev.powerpages.emulator.gateway.origin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An in-process traffic manager whose resolve answer names a primary and, as the real one does, the
 * fallbacks to try when the primary refuses connections.
 */
final class FallbackTrafficManager implements AutoCloseable {

    private final DisposableServer server;

    FallbackTrafficManager(URI primary, URI fallback) {
        String body = """
				{"profile":"contoso","fqdn":"contoso.trafficmanager.net","endpoint":"northeurope","target":"%s",\
				"url":"%s","endpointMonitorStatus":"Online","ttl":60,"allEndpointsDegraded":false,\
				"fallbacks":[{"endpoint":"westeurope","target":"%s","url":"%s","endpointMonitorStatus":"Online"}]}""".formatted(primary.getAuthority(), primary, fallback.getAuthority(), fallback);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> response.status(HttpResponseStatus.OK)
                        .header("Content-Type", "application/json")
                        .sendString(Mono.just(body))
                        .then())
                .bindNow();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
