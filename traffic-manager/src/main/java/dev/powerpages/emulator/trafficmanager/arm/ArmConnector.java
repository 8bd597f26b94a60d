package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.support.tls.StackTlsProperties;
import dev.powerpages.emulator.support.tomcat.HttpsConnector;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The resource-manager endpoint's own Tomcat connector: port 8060, HTTPS with a certificate from the stack's local
 * CA (the Azure SDKs send tokens over HTTPS only). A connector of the traffic manager rather than a sixth service:
 * the traffic manager already owns the ARM-shaped profile model that most of these paths serve, and one more
 * process would cost the 2-core machines here another JVM. A port of its own keeps the two doors apart: Azure's
 * clients see only ARM's paths there, and the labs' {@code /api/profiles}, the dashboard and actuator stay on 8090
 * ({@link ArmRequestFilter}).
 */
@Component
@EnableConfigurationProperties(StackTlsProperties.class)
public class ArmConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ArmProperties properties;
    private final StackTlsProperties stackTls;
    private volatile HttpsConnector https;
    private volatile Connector http;

    ArmConnector(ArmProperties properties, StackTlsProperties stackTls) {
        this.properties = properties;
        this.stackTls = stackTls;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!properties.enabled()) {
            return;
        }
        if (properties.tls()) {
            https = new HttpsConnector(properties.port(), stackTls.open().serverSslBundle());
            https.customizer().customize(factory);
        } else {
            http = new Connector(Http11NioProtocol.class.getName());
            http.setPort(properties.port());
            factory.addAdditionalConnectors(http);
        }
    }

    /** The port the endpoint listens on: the configured one, or the one Tomcat picked for port 0; -1 when off. */
    public int localPort() {
        if (https != null && https.port() > 0) {
            return https.port();
        }
        Connector plain = http;
        if (plain != null && plain.getLocalPort() > 0) {
            return plain.getLocalPort();
        }
        return properties.port();
    }

    /** Whether the request came in through the resource-manager endpoint's connector. */
    public boolean servedHere(HttpServletRequest request) {
        return properties.enabled() && request.getLocalPort() == localPort();
    }
}
