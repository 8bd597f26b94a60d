package dev.powerpages.emulator.support.tomcat;

import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * An HTTPS port beside a servlet service's main (HTTP) one: a second Tomcat connector, the way Spring Boot documents
 * for more than one connector ({@link TomcatServletWebServerFactory#addAdditionalConnectors}), with its TLS set up by
 * Boot's own {@link SslConnectorCustomizer} from an {@link SslBundle} (usually
 * {@link dev.powerpages.emulator.support.tls.StackTls#serverSslBundle()}). Both connectors serve the same
 * application; a service that must answer only some paths on this port checks {@link #port()} against
 * {@code request.getLocalPort()}.
 *
 * <p>Register {@link #customizer()} as a bean. Port 0 takes a free port, which {@link #port()} tells once the web
 * server has started.
 */
public final class HttpsConnector {

    private final Connector connector;

    public HttpsConnector(int port, SslBundle bundle) {
        this.connector = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(port);
        new SslConnectorCustomizer(LogFactory.getLog(HttpsConnector.class), connector, Ssl.ClientAuth.NONE)
                .customize(bundle, Map.of());
    }

    /** Adds the connector to the servlet web server, on the main connector's address ({@code server.address}) if it has one. */
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> customizer() {
        return factory -> {
            if (factory.getAddress() != null) {
                connector.setProperty("address", factory.getAddress().getHostAddress());
            }
            factory.addAdditionalConnectors(connector);
        };
    }

    /** The port it listens on: the configured one, or the one Tomcat chose for 0 once started (-1 before). */
    public int port() {
        int local = connector.getLocalPort();
        return local > 0 ? local : (connector.getPort() > 0 ? connector.getPort() : -1);
    }
}
