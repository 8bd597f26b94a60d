package dev.powerpages.emulator.gateway.tls;

import dev.powerpages.emulator.support.tls.StackTlsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * The edge's HTTPS port, beside the HTTP one. Spring WebFlux on Netty serves one port per web
 * server, so this is a second Reactor Netty server, made by a {@link NettyReactiveWebServerFactory}
 * that copies the main one's server customizers (the request line and header limits of
 * {@code server.netty.*}) and serves the same {@link HttpHandler}: every filter, the WAF, the CDN
 * and routing behave alike on both ports. Its certificate comes from a Spring Boot SSL bundle:
 * the one named by {@code gateway.tls.bundle}, or a certificate signed by the stack's local CA
 * ({@code stack.tls.directory}), registered as the bundle {@value #GENERATED_BUNDLE}. With {@code
 * gateway.tls.enabled=false} (the default) it starts nothing.
 */
class HttpsServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HttpsServer.class);

    static final String GENERATED_BUNDLE = "gateway-generated";

    private final TlsProperties properties;

    private final StackTlsProperties stackTls;

    private final HttpHandler httpHandler;

    private final NettyReactiveWebServerFactory primary;

    private final SslBundles bundles;

    private final SslBundleRegistry registry;

    /**
     * The primary server's event loops (edge.EventLoopConfiguration), which the origin client runs on too: without
     * them this server would take Reactor Netty's global loops and every proxied HTTPS request would cross threads.
     */
    private final ReactorResourceFactory resources;

    private volatile WebServer server;

    HttpsServer(
            TlsProperties properties,
            StackTlsProperties stackTls,
            HttpHandler httpHandler,
            NettyReactiveWebServerFactory primary,
            SslBundles bundles,
            SslBundleRegistry registry,
            ReactorResourceFactory resources) {
        this.properties = properties;
        this.stackTls = stackTls;
        this.httpHandler = httpHandler;
        this.primary = primary;
        this.bundles = bundles;
        this.registry = registry;
        this.resources = resources;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            // HTTP only, as the contract has it: no second server, no certificate.
            return;
        }
        String bundle = properties.generated() ? GENERATED_BUNDLE : properties.bundle();
        if (properties.generated()) {
            // The stack's CA signs it: a client trusting ca.pem trusts the edge, the store and the resource manager
            // alike.
            SslBundle generated = stackTls.open().serverSslBundle(properties.hostNames(), properties.ipAddresses());
            if (bundles.getBundleNames().contains(GENERATED_BUNDLE)) {
                registry.updateBundle(GENERATED_BUNDLE, generated);
            } else {
                registry.registerBundle(GENERATED_BUNDLE, generated);
            }
        }
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(properties.port());
        factory.setServerCustomizers(primary.getServerCustomizers());
        factory.setAddress(primary.getAddress());
        factory.setShutdown(primary.getShutdown());
        factory.setSsl(Ssl.forBundle(bundle));
        factory.setSslBundles(bundles);
        if (resources != null) {
            factory.setResourceFactory(resources);
        }
        WebServer started = factory.getWebServer(httpHandler);
        started.start();
        server = started;
        log.info("Gateway serves HTTPS on port {} (SSL bundle '{}')", started.getPort(), bundle);
    }

    @Override
    public void stop() {
        WebServer running = server;
        if (running != null) {
            running.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port HTTPS is served on (the actual one when {@code gateway.tls.port} is 0), or -1 if stopped. */
    public int port() {
        WebServer running = server;
        return running == null ? -1 : running.getPort();
    }
}
