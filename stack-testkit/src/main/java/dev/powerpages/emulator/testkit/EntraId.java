package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The store's identity endpoints as Azure tooling reaches them: over TLS, with certificates from this stack's own
 * local CA (docs/azure-tooling.md). Hand {@link #authority()} to MSAL or the Azure SDK, {@link #adfsAuthority()} to
 * {@code az cloud register}, and {@link #caCertificate()} or {@link #sslContext()} to whatever must trust the stack.
 */
public final class EntraId {

    /** The well-known management service principals (CONTRACT "Well-known defaults"). */
    public static final String OPERATOR = "emulator-operator";

    public static final String READER = "emulator-reader";
    public static final String SECRET = "emulator-secret";

    /** Their service principals' object ids, which the resource manager's role assignments name. */
    public static final String OPERATOR_OBJECT_ID = "5b0c3e0e-6f1a-4c1e-9c4b-0e0000000001";

    public static final String READER_OBJECT_ID = "5b0c3e0e-6f1a-4c1e-9c4b-0e0000000002";

    /** Azure Resource Manager's scope as the SDK asks for it; every equivalent form gets the same audience. */
    public static final String MANAGEMENT_SCOPE = "https://management.azure.com/.default";

    public static final String MANAGEMENT_AUDIENCE = "https://management.core.windows.net/";

    /** The password of the CA directory's PKCS12 stores (a well-known development default). */
    public static final String TRUST_STORE_PASSWORD = "emulator-tls";

    private final URI authorityHost;
    private final Path tlsDirectory;
    private volatile SSLContext sslContext;

    EntraId(URI authorityHost, Path tlsDirectory) {
        this.authorityHost = authorityHost;
        this.tlsDirectory = tlsDirectory;
    }

    /** {@code https://localhost:<port>}: the authority host ({@code AZURE_AUTHORITY_HOST}, azure-identity's {@code authorityHost}). */
    public URI authorityHost() {
        return authorityHost;
    }

    /** {@code https://localhost:<port>/contoso}: the tenant's authority, for MSAL. */
    public URI authority() {
        return authorityHost.resolve("/" + MetadataStore.TENANT_ID);
    }

    /** {@code https://localhost:<port>/adfs}: the AD FS-shaped authority az needs ({@code --endpoint-active-directory}). */
    public URI adfsAuthority() {
        return authorityHost.resolve("/adfs");
    }

    /** The stack's CA certificate (PEM): {@code REQUESTS_CA_BUNDLE}, {@code NODE_EXTRA_CA_CERTS}, {@code curl --cacert}. */
    public Path caCertificate() {
        return tlsDirectory.resolve("ca.pem");
    }

    /** A Java trust store (PKCS12, password {@value #TRUST_STORE_PASSWORD}) holding only the stack's CA. */
    public Path trustStore() {
        return tlsDirectory.resolve("truststore.p12");
    }

    /** The stack's server key store (PKCS12, alias {@code server}), for a test's own HTTPS server the tools must trust. */
    public Path serverKeyStore() {
        return tlsDirectory.resolve("server.p12");
    }

    /** An SSL context that trusts the stack's CA and nothing else. */
    public SSLContext sslContext() {
        SSLContext context = sslContext;
        if (context == null) {
            try (InputStream in = Files.newInputStream(trustStore())) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(in, TRUST_STORE_PASSWORD.toCharArray());
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trust);
                context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), null);
                sslContext = context;
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + trustStore(), ex);
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("cannot use " + trustStore(), ex);
            }
        }
        return context;
    }

    /** An access token for Azure Resource Manager for one of the service principals, from the v2 endpoint over TLS. */
    public String managementToken(String clientId) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(SECRET)
                + "&scope=" + encode(MANAGEMENT_SCOPE);
        HttpRequest request = HttpRequest.newBuilder(
                        authority().resolve("/" + MetadataStore.TENANT_ID + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Http.REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .sslContext(sslContext())
                    .connectTimeout(Http.CONNECT_TIMEOUT)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "token request answered " + response.statusCode() + ": " + response.body());
            }
            return Json.parse(new HttpResult(response.statusCode(), response.headers(), response.body()))
                    .get("access_token")
                    .asString();
        } catch (IOException ex) {
            throw new UncheckedIOException("POST " + request.uri() + " failed: " + ex, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
