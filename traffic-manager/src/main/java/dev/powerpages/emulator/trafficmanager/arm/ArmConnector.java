package dev.powerpages.emulator.trafficmanager.arm;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The resource-manager endpoint's own Tomcat connector (port 8060, HTTPS with the SSL bundle named by
 * {@code traffic-manager.arm.ssl-bundle}). A connector of the traffic manager rather than a sixth service: the
 * traffic manager already owns the ARM-shaped profile model that most of these paths serve, and one more
 * process would cost the 2-core machines here another JVM. A port of its own keeps the two doors apart: Azure's
 * clients see only ARM's paths there, and the labs' {@code /api/profiles}, the dashboard and actuator stay on 8090
 * ({@link ArmRequestFilter}).
 */
@Component
public class ArmConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ArmProperties properties;
    private final ObjectProvider<SslBundles> sslBundles;
    private volatile Connector connector;

    ArmConnector(ArmProperties properties, ObjectProvider<SslBundles> sslBundles) {
        this.properties = properties;
        this.sslBundles = sslBundles;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!properties.enabled()) {
            return;
        }
        Connector arm = new Connector(Http11NioProtocol.class.getName());
        arm.setPort(properties.port());
        if (!properties.sslBundle().isEmpty()) {
            secure(arm, sslBundles.getObject().getBundle(properties.sslBundle()));
        }
        factory.addAdditionalConnectors(arm);
        this.connector = arm;
    }

    private static void secure(Connector connector, SslBundle bundle) {
        connector.setScheme("https");
        connector.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig host = new SSLHostConfig();
        host.setHostName("_default_");
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(bundle.getStores().getKeyStore());
        certificate.setCertificateKeystorePassword(bundle.getStores().getKeyStorePassword());
        if (bundle.getKey().getAlias() != null) {
            certificate.setCertificateKeyAlias(bundle.getKey().getAlias());
        }
        host.addCertificate(certificate);
        protocol.addSslHostConfig(host);
    }

    /** The port the endpoint listens on: the configured one, or the one Tomcat picked for port 0; -1 when off. */
    public int localPort() {
        Connector arm = connector;
        if (arm != null && arm.getLocalPort() > 0) {
            return arm.getLocalPort();
        }
        return properties.port();
    }

    /** Whether the request came in through the resource-manager endpoint's connector. */
    public boolean servedHere(HttpServletRequest request) {
        return properties.enabled() && request.getLocalPort() == localPort();
    }
}
