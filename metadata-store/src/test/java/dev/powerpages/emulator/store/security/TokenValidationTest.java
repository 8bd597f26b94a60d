package dev.powerpages.emulator.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.StoreProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "No one gets in": the Web API accepts only tokens this store issued for itself, still valid.
 * Each bad token differs from a good one (signed with the store's own key, right issuer and
 * audience, valid now) in one respect only, so each case proves one check. The good token is
 * accepted first, else the rejections would prove nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class TokenValidationTest {

    /** Beyond Spring Security's default 60 s clock skew, so the time checks really bite. */
    private static final long SKEW_PLUS = 5 * 60;

    @LocalServerPort
    int port;

    @Autowired
    RSAKey storeSigningKey;

    @Autowired
    StoreProperties properties;

    @Test
    void aTokenShapedLikeTheStoresOwnIsAccepted() throws Exception {
        assertThat(status(signed(claims -> claims))).isEqualTo(200);
        assertThat(status(new StoreClient(port).token())).isEqualTo(200);
    }

    @Test
    void aRequestWithoutTokenIsRejected() {
        StoreClient.Response response = new StoreClient(port).get("accounts", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=");
    }

    @Test
    void anExpiredTokenIsRejected() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        assertThat(status(signed(claims -> claims.issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past))
                        .expirationTime(Date.from(Instant.now().minusSeconds(SKEW_PLUS))))))
                .isEqualTo(401);
    }

    @Test
    void aNotYetValidTokenIsRejected() throws Exception {
        Instant future = Instant.now().plusSeconds(SKEW_PLUS);
        assertThat(status(signed(claims ->
                        claims.notBeforeTime(Date.from(future)).expirationTime(Date.from(future.plusSeconds(3600))))))
                .isEqualTo(401);
    }

    @Test
    void aTokenForAnotherResourceIsRejected() throws Exception {
        assertThat(status(signed(claims -> claims.audience("https://graph.microsoft.com"))))
                .isEqualTo(401);
        assertThat(status(signed(claims -> claims.audience(List.of())))).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() throws Exception {
        assertThat(status(signed(claims -> claims.issuer("https://sts.windows.net/fabrikam/"))))
                .isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
        // Same key id as the store's: a verifier that picked keys by kid alone would be fooled.
        RSAKey attacker =
                new RSAKeyGenerator(2048).keyID(storeSigningKey.getKeyID()).generate();
        assertThat(status(sign(goodClaims().build(), attacker))).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRejected() throws Exception {
        String good = signed(claims -> claims);
        String[] parts = good.split("\\.");
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(goodClaims()
                        .claim("roles", List.of("System Administrator"))
                        .build()
                        .toString()
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(status(parts[0] + "." + forged + "." + parts[2])).isEqualTo(401);
    }

    @Test
    void anUnsignedAlgNoneTokenIsRejected() {
        String none = new PlainJWT(goodClaims().build()).serialize();
        assertThat(status(none)).isEqualTo(401);
        // The same with a signature part left in, as some attacks send it.
        assertThat(status(none + "c2lnbmF0dXJl")).isEqualTo(401);
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRejected() throws Exception {
        // The RS256/HS256 confusion attack: the public key used as an HMAC secret.
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                goodClaims().build());
        jwt.sign(new MACSigner(storeSigningKey.toRSAPublicKey().getEncoded()));
        assertThat(status(jwt.serialize())).isEqualTo(401);
    }

    @Test
    void garbageInTheAuthorizationHeaderIsRejected() {
        assertThat(status("not-a-jwt")).isEqualTo(401);
        assertThat(status("a.b.c")).isEqualTo(401);
    }

    @Test
    void theReadOnlyApplicationUserGetsDataversesPrivilegeErrorOnAWrite() {
        StoreClient client = new StoreClient(port);
        StoreClient.Response write =
                client.send("POST", "accounts", client.token("powerpages-readonly"), "{\"name\":\"Intruder\"}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.body().at("/error/code").asString()).isEqualTo("0x80040220");
        assertThat(client.get("accounts?$filter=name eq 'Intruder'", client.token())
                        .body()
                        .get("value"))
                .isEmpty();
    }

    private int status(String token) {
        return new StoreClient(port).get("accounts?$select=name&$top=1", token).status();
    }

    private JWTClaimsSet.Builder goodClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.publicUrl())
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("appid", "powerpages-site")
                .claim("tid", properties.tenantId())
                .claim("idtyp", "app")
                .claim("roles", List.of("Power Pages Site"));
    }

    private String signed(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return sign(change.apply(goodClaims()).build(), storeSigningKey);
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
