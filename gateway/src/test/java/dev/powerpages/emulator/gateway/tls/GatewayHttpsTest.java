package dev.powerpages.emulator.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.gateway.GatewayApplication;
import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * HTTPS at the edge with a certificate from the stack's local CA: the gateway started with
 * {@code gateway.tls.enabled=true} on random ports serves the routed page over HTTPS to a client
 * that trusts only the CA it wrote ({@code ca.pem} in {@code stack.tls.directory}), for localhost and
 * 127.0.0.1 (the certificate's SANs); plain HTTP keeps working on the main port; a second start
 * with the same directory is still trusted through the same CA, so a browser trusts it once. Off, no HTTPS port.
 */
class GatewayHttpsTest {

    static final FakeAppNode north = new FakeAppNode("northeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        north.close();
    }

    @TempDir
    Path data;

    ConfigurableApplicationContext start() {
        return start(true, 0);
    }

    ConfigurableApplicationContext start(boolean tls, int tlsPort) {
        trafficManager.answer("northeurope", north.url(), 300);
        // As command-line arguments: SpringApplicationBuilder.properties() would rank below application.yml.
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--gateway.tls.enabled=" + tls,
                        "--gateway.tls.port=" + tlsPort,
                        "--stack.tls.directory=" + data.resolve("tls"),
                        "--gateway.traffic-manager.url=" + trafficManager.url(),
                        "--gateway.traffic-manager.timeout=10s",
                        "--gateway.waf.policy-file=" + data.resolve("waf-policy.json"),
                        "--gateway.cdn.settings-file=" + data.resolve("cdn-settings.json"),
                        "--gateway.cdn.site-settings.enabled=false");
    }

    @Test
    void servesTheRoutedPageOverHttpsWithACertificateOfTheStacksCaAndKeepsItOnRestart() throws Exception {
        String firstFingerprint;
        try (ConfigurableApplicationContext gateway = start()) {
            int httpsPort = gateway.getBean(HttpsServer.class).port();
            int httpPort =
                    ((WebServerApplicationContext) gateway).getWebServer().getPort();
            assertThat(httpsPort).isPositive().isNotEqualTo(httpPort);
            Path pem = data.resolve("tls/ca.pem");
            assertThat(pem).isRegularFile();
            HttpClient trusting = clientTrusting(pem);

            HttpResponse<String> page = trusting.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/about/"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("page from northeurope");
            assertThat(page.headers().firstValue("X-PP-Region")).hasValue("northeurope");
            assertThat(page.headers().firstValue("X-Azure-Ref")).isPresent();
            assertThat(page.headers().firstValue("X-Seen-Forwarded-Proto"))
                    .as("what the app node was told")
                    .hasValue("https");

            X509Certificate certificate =
                    (X509Certificate) page.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(certificate.getSubjectAlternativeNames())
                    .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
            assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
            assertThat(certificate.getIssuerX500Principal().getName()).contains("Power Pages Stack Emulator local CA");
            firstFingerprint = fingerprint(certificate);

            // The IP SAN: a client going to the address verifies as well.
            HttpResponse<String> health = trusting.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/_edge/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");

            // A client that trusts only the JDK's CAs refuses it: the trust comes from the file.
            assertThatThrownBy(() -> HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/"))
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);

            // HTTP stays on the main port, as the contract requires.
            HttpResponse<String> plain = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/about/"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).isEqualTo("page from northeurope");
            assertThat(plain.headers().firstValue("X-Seen-Forwarded-Proto")).hasValue("http");
        }

        // The first context's shutdown also stopped Reactor Netty's shared event loops, which the fakes
        // run on: after the restart the edge's own endpoint answers.
        try (ConfigurableApplicationContext restarted = start()) {
            int httpsPort = restarted.getBean(HttpsServer.class).port();
            HttpResponse<String> page = clientTrusting(data.resolve("tls/ca.pem"))
                    .send(
                            HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/_edge/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            X509Certificate certificate =
                    (X509Certificate) page.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(fingerprint(certificate))
                    .as("the CA's server certificate made on first start")
                    .isEqualTo(firstFingerprint);
        }
    }

    /**
     * Off (the default), nothing listens for HTTPS and no certificate is made. The switch is read as the server starts,
     * not by a condition, so the AOT-processed jar (process-aot) honours it either way.
     */
    @Test
    void servesNoHttpsPortWhenTlsIsOff() throws Exception {
        int tlsPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tlsPort = free.getLocalPort();
        }
        try (ConfigurableApplicationContext gateway = start(false, tlsPort)) {
            HttpsServer https = gateway.getBean(HttpsServer.class);
            assertThat(https.isRunning()).isFalse();
            assertThat(https.port()).isEqualTo(-1);
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), tlsPort).close())
                    .isInstanceOf(ConnectException.class);
            assertThat(data.resolve("tls/ca.pem")).doesNotExist();

            int httpPort =
                    ((WebServerApplicationContext) gateway).getWebServer().getPort();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/_edge/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    static HttpClient clientTrusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry(
                    "gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
