package dev.powerpages.emulator.trafficmanager.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.trafficmanager.profile.MonitorConfig;
import dev.powerpages.emulator.trafficmanager.profile.MonitorProtocol;
import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint with a self-signed certificate issued for another host name: Azure's HTTPS probes ignore
 * certificate errors, so the probe succeeds on the status code alone.
 */
class HttpsHealthProbeTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServerWithASelfSignedCertificate(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("endpoint.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "endpoint",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=not-this-host.example",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        server.useHttps(tls.getSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int status = request.getUrl().encodedPath().equals("/health") ? 200 : 404;
                return new MockResponse.Builder().code(status).build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void httpsProbeAcceptsASelfSignedCertificateForAnotherHost() {
        MonitorConfig monitor = new MonitorConfig(MonitorProtocol.HTTPS, null, "/health", null, null, null, null, null);
        URI uri = URI.create("https://127.0.0.1:" + server.getPort() + "/health");

        ProbeResult result =
                new HttpHealthProbe().probe(uri, monitor, Duration.ofSeconds(5)).join();

        assertThat(result.error()).isNull();
        assertThat(result.success()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
    }
}
