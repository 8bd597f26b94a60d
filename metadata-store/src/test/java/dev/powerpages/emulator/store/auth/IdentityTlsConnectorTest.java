package dev.powerpages.emulator.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.tls.StackTlsProperties;
import java.nio.file.Path;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/**
 * {@code store.identity.tls.enabled} is read when Tomcat is set up, not by a condition (Spring AOT would fix one when
 * the jar is built): on, the store gets its HTTPS connector on the identity port; off, no second connector (and no
 * certificate is made).
 */
class IdentityTlsConnectorTest {

    @TempDir
    Path tls;

    @Test
    void addsTheHttpsConnectorOnTheIdentityPortWhenEnabled() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        IdentityTlsConnector identityTls = connector(true);

        identityTls.customize(factory);

        assertThat(factory.getAdditionalConnectors()).hasSize(1);
        Connector added = factory.getAdditionalConnectors().get(0);
        assertThat(added.getPort()).isEqualTo(18071);
        assertThat(added.getSecure()).isTrue();
        assertThat(identityTls.port()).isEqualTo(18071);
        assertThat(tls.resolve("ca.pem")).isRegularFile();
    }

    @Test
    void addsNoConnectorAndMakesNoCertificateWhenDisabled() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        IdentityTlsConnector identityTls = connector(false);

        identityTls.customize(factory);

        assertThat(factory.getAdditionalConnectors()).isEmpty();
        assertThat(identityTls.port()).isEqualTo(-1);
        assertThat(tls.resolve("ca.pem")).doesNotExist();
    }

    private IdentityTlsConnector connector(boolean enabled) {
        IdentityProperties identity =
                new IdentityProperties(new IdentityProperties.Tls(enabled, 18071), null, null, null);
        return new IdentityTlsConnector(identity, new StackTlsProperties(tls));
    }
}
