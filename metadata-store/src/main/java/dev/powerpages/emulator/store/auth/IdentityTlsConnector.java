package dev.powerpages.emulator.store.auth;

import dev.powerpages.emulator.support.tls.StackTlsProperties;
import dev.powerpages.emulator.support.tomcat.HttpsConnector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The identity endpoints' HTTPS connector, added to Tomcat when {@code store.identity.tls.enabled} is true (the
 * default; env STORE_IDENTITY_TLS_ENABLED) and left out otherwise. The switch is read here, as the web server is
 * built, rather than by a condition on the configuration: Spring AOT (process-aot) fixes conditions when the jar is
 * built, and this is a documented run-time setting (docs/azure-tooling.md). The certificate is issued (the stack's key
 * stores opened) only when the connector is added.
 */
class IdentityTlsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final IdentityProperties identity;

    private final StackTlsProperties stackTls;

    private volatile HttpsConnector connector;

    IdentityTlsConnector(IdentityProperties identity, StackTlsProperties stackTls) {
        this.identity = identity;
        this.stackTls = stackTls;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!identity.tls().enabled()) {
            return;
        }
        HttpsConnector added =
                new HttpsConnector(identity.tls().port(), stackTls.open().serverSslBundle());
        added.customizer().customize(factory);
        connector = added;
    }

    /** The port it listens on (the one Tomcat chose for 0 once started), or -1 when there is no TLS connector. */
    int port() {
        HttpsConnector added = connector;
        return added == null ? -1 : added.port();
    }
}
