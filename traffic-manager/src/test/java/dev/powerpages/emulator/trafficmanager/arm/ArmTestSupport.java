package dev.powerpages.emulator.trafficmanager.arm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * What the resource-manager endpoint's tests need around it: a MockWebServer that publishes a JWKS (standing in
 * for the store's keys) and answers for the gateway's admin API with the responses a test enqueues, tokens signed
 * with that key (or another), and a client for the ARM connector.
 */
final class ArmTestSupport {

    static final String ISSUER = "http://localhost:8070/contoso/";
    static final String AUDIENCE = "https://management.core.windows.net/";
    static final String SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
    static final String GROUP = SUBSCRIPTION + "/resourceGroups/emulator";
    static final String PROFILES = GROUP + "/providers/Microsoft.Network/trafficManagerProfiles";
    static final String TM_VERSION = "api-version=2022-04-01";

    static final MockWebServer SERVER = new MockWebServer();
    static final RSAKey KEY = rsaKey();
    static final RSAKey OTHER_KEY = rsaKey();
    /** The gateway's answers, in order; empty: 503. */
    static final BlockingQueue<MockResponse> GATEWAY_ANSWERS = new LinkedBlockingQueue<>();
    /** What was sent to the gateway. */
    static final BlockingQueue<RecordedRequest> GATEWAY_REQUESTS = new LinkedBlockingQueue<>();
    /** A gateway that keeps state (answers from what was sent), in place of the queue; null: the queue answers. */
    static volatile Dispatcher STATEFUL_GATEWAY;

    static {
        SERVER.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getTarget().equals("/keys")) {
                    return new MockResponse.Builder()
                            .code(200)
                            .addHeader("Content-Type", "application/json")
                            .body(new JWKSet(KEY.toPublicJWK()).toString())
                            .build();
                }
                GATEWAY_REQUESTS.add(request);
                Dispatcher stateful = STATEFUL_GATEWAY;
                if (stateful != null) {
                    return stateful.dispatch(request);
                }
                MockResponse answer = GATEWAY_ANSWERS.poll();
                return answer != null
                        ? answer
                        : new MockResponse.Builder().code(503).build();
            }
        });
        try {
            SERVER.start();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ArmTestSupport() {}

    static String url() {
        return "http://localhost:" + SERVER.getPort();
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    static RecordedRequest gatewayRequest() throws InterruptedException {
        RecordedRequest request = GATEWAY_REQUESTS.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("nothing reached the gateway");
        }
        return request;
    }

    /** A token of the store for Azure Resource Manager, for a client id. */
    static String token(String clientId) {
        return token(
                KEY, Map.of("appid", clientId), ISSUER, AUDIENCE, Instant.now().plusSeconds(3600));
    }

    static String token(RSAKey key, Map<String, Object> claims, String issuer, String audience, Instant expiry) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(Instant.now().minusSeconds(60)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(expiry))
                .claim("tid", "contoso")
                .claim(
                        "oid",
                        UUID.nameUUIDFromBytes(String.valueOf(claims).getBytes())
                                .toString());
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static HttpResponse<String> send(
            int port, String method, String pathAndQuery, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static List<String> header(HttpResponse<?> response, String name) {
        return response.headers().allValues(name);
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
