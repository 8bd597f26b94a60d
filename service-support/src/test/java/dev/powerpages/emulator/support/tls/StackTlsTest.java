package dev.powerpages.emulator.support.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTlsTest {

    @TempDir
    Path directory;

    @Test
    void makesTheCaOnceAndReusesItOnLaterStarts() throws Exception {
        StackTls first = StackTls.open(directory);
        byte[] pem = Files.readAllBytes(directory.resolve(StackTls.CA_CERTIFICATE));

        StackTls second = StackTls.open(directory);

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(Files.readAllBytes(directory.resolve(StackTls.CA_CERTIFICATE)))
                .isEqualTo(pem);
        assertThat(second.serverKeyStore().getCertificate(StackTls.SERVER_ALIAS))
                .isEqualTo(first.serverKeyStore().getCertificate(StackTls.SERVER_ALIAS));
        assertThat(directory.resolve(StackTls.TRUST_STORE)).isRegularFile();
        assertThat(directory.resolve(StackTls.SERVER_CERTIFICATE)).isRegularFile();
    }

    @Test
    void servicesStartingAtOnceAgreeOnOneCa() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<X509Certificate>> opened = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<X509Certificate> open = () -> StackTls.open(directory).caCertificate();
                opened.add(pool.submit(open));
            }
            Set<X509Certificate> authorities = new HashSet<>();
            for (Future<X509Certificate> future : opened) {
                authorities.add(future.get());
            }
            assertThat(authorities).hasSize(1);
            assertThat(StackTls.readCertificates(directory.resolve(StackTls.CA_CERTIFICATE)))
                    .containsExactlyElementsOf(authorities);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCaIsARootAndTheServerCertificateAnEndEntityForLoopbackAndTheComposeNames() throws Exception {
        StackTls tls = StackTls.open(directory);
        X509Certificate ca = tls.caCertificate();
        X509Certificate server = (X509Certificate) tls.serverKeyStore().getCertificate(StackTls.SERVER_ALIAS);

        assertThat(ca.getBasicConstraints()).as("CA:TRUE, pathlen 0").isEqualTo(0);
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(server.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(server.getBasicConstraints()).as("CA:FALSE").isEqualTo(-1);
        server.verify(ca.getPublicKey());
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        List<String> names = server.getSubjectAlternativeNames().stream()
                .map(entry -> entry.get(1).toString())
                .toList();
        assertThat(names)
                .contains(
                        "localhost",
                        "127.0.0.1",
                        "metadata-store",
                        "traffic-manager",
                        "gateway",
                        "app-node-northeurope");
        assertThat(names).anyMatch(name -> name.startsWith("0:0:0:0:0:0:0:1"));
        assertThat(tls.serverKeyStore().getCertificateChain(StackTls.SERVER_ALIAS))
                .hasSize(2);
    }

    @Test
    void aCaMadeWithAnRsaKeyByAnEarlierVersionIsKeptAndSignsTheServerCertificate() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        StackCertificateAuthority earlier = StackCertificateAuthority.create("earlier", rsa.generateKeyPair());
        Files.writeString(directory.resolve(StackTls.CA_CERTIFICATE), StackTls.pem(earlier.certificate()));
        Files.writeString(
                directory.resolve(StackTls.CA_KEY),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(earlier.key().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");

        StackTls tls = StackTls.open(directory);

        // What clients trust stays what they were told to trust.
        assertThat(tls.caCertificate()).isEqualTo(earlier.certificate());
        X509Certificate server = (X509Certificate) tls.serverKeyStore().getCertificate(StackTls.SERVER_ALIAS);
        server.verify(earlier.certificate().getPublicKey());
    }

    @Test
    void theCaKeyIsReadableByItsOwnerOnly() throws Exception {
        StackTls.open(directory);

        assertThat(Files.getPosixFilePermissions(directory.resolve(StackTls.CA_KEY)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(directory.resolve(StackTls.CA_CERTIFICATE)))
                .contains(PosixFilePermission.OTHERS_READ);
    }

    @Test
    void theTrustStoreOnDiskOpensWithTheDocumentedPasswordAndHoldsTheCa() throws Exception {
        StackTls tls = StackTls.open(directory);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(directory.resolve(StackTls.TRUST_STORE))) {
            trust.load(in, "emulator-tls".toCharArray());
        }

        assertThat(trust.getCertificate(StackTls.CA_ALIAS)).isEqualTo(tls.caCertificate());
    }

    @Test
    void aClientTrustingOnlyTheCaReachesAServerUsingTheServerCertificate() throws Exception {
        StackTls tls = StackTls.open(directory);
        HttpsServer server = startServer(tls.serverSslBundle().createSslContext());
        try {
            URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
            HttpResponse<String> response = HttpClient.newBuilder()
                    .sslContext(tls.clientSslContext())
                    .build()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("hello over TLS");

            SSLContext jdkDefaults = SSLContext.getInstance("TLS");
            jdkDefaults.init(null, null, null);
            assertThatThrownBy(() -> HttpClient.newBuilder()
                            .sslContext(jdkDefaults)
                            .build()
                            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerCertificateFromAnotherCaIsReplaced() throws Exception {
        StackTls.open(directory);
        Files.delete(directory.resolve(StackTls.CA_CERTIFICATE));
        Files.delete(directory.resolve(StackTls.CA_KEY));

        StackTls renewed = StackTls.open(directory);

        X509Certificate server = (X509Certificate) renewed.serverKeyStore().getCertificate(StackTls.SERVER_ALIAS);
        server.verify(renewed.caCertificate().getPublicKey());
        assertThat(StackTls.readCertificates(directory.resolve(StackTls.SERVER_CERTIFICATE))
                        .get(0))
                .isEqualTo(server);
    }

    @Test
    void otherNamesGetACertificateOfTheirOwnFromTheSameCa() throws Exception {
        StackTls tls = StackTls.open(directory);

        KeyStore custom = tls.serverKeyStore(List.of("edge.contoso.test"), List.of());

        X509Certificate certificate = (X509Certificate) custom.getCertificate(StackTls.SERVER_ALIAS);
        certificate.verify(tls.caCertificate().getPublicKey());
        assertThat(certificate.getSubjectAlternativeNames().stream()
                        .map(entry -> entry.get(1).toString()))
                .contains("edge.contoso.test", "localhost");
        assertThat(tls.serverKeyStore(List.of("localhost"), List.of("127.0.0.1")))
                .isSameAs(tls.serverKeyStore());
    }

    private static HttpsServer startServer(SSLContext context) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "hello over TLS".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
