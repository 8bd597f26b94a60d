package dev.powerpages.emulator.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.powerpages.emulator.store.StoreClient;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class TokenEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    RSAKey tokenSigningKey;

    @Test
    void issuesClientCredentialsTokensShapedLikeEntraId() throws Exception {
        StoreClient.Response response = new StoreClient(port).requestToken("powerpages-site", "emulator-secret");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(response.body().get("expires_in").asInt()).isEqualTo(3599);
        JWTClaimsSet claims =
                SignedJWT.parse(response.body().get("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("http://localhost:8070");
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:8070/contoso/");
        assertThat(claims.getStringClaim("tid")).isEqualTo("contoso");
        assertThat(claims.getStringClaim("appid")).isEqualTo("powerpages-site");
        assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");
        assertThat(claims.getStringClaim("oid")).isNotBlank();
        assertThat(SignedJWT.parse(response.body().get("access_token").asString())
                        .getHeader()
                        .getAlgorithm())
                .isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void acceptsClientSecretBasicToo() {
        assertThat(new StoreClient(port)
                        .requestTokenWithBasicAuth("powerpages-site", "emulator-secret")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rejectsAWrongSecretWithInvalidClient() {
        StoreClient.Response response = new StoreClient(port).requestToken("powerpages-site", "not-the-secret");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body().get("error_description").asString()).startsWith("AADSTS7000215");
        assertThat(response.body().get("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(response.body().has("access_token")).isFalse();
    }

    @Test
    void rejectsRequestsWithoutBearerToken() {
        StoreClient.Response response = new StoreClient(port).get("accounts", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.body()).isNull();
    }

    @Test
    void rejectsGarbageTokens() {
        StoreClient.Response response = new StoreClient(port).get("accounts", "not.a.jwt");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
    }

    @Test
    void rejectsTokensForAnotherAudience() throws Exception {
        String otherResource =
                sign(tokenSigningKey, "https://contoso.crm.dynamics.com", "http://localhost:8070/contoso/");

        StoreClient.Response response = new StoreClient(port).get("accounts", otherResource);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void rejectsTokensSignedByAnotherKey() throws Exception {
        RSAKey stranger =
                new RSAKeyGenerator(2048).keyID(tokenSigningKey.getKeyID()).generate();
        String forged = sign(stranger, "http://localhost:8070", "http://localhost:8070/contoso/");

        assertThat(new StoreClient(port).get("accounts", forged).status()).isEqualTo(401);
        // the same claims signed with the store's key pass: the signature made the difference
        assertThat(new StoreClient(port)
                        .get(
                                "accounts",
                                sign(tokenSigningKey, "http://localhost:8070", "http://localhost:8070/contoso/"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void publishesTheSigningKeyAsJwks() {
        StoreClient.Response keys = new StoreClient(port).getAbsolute("/contoso/discovery/v2.0/keys");

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body().get("keys").get(0).get("kid").asString()).isEqualTo(tokenSigningKey.getKeyID());
        assertThat(keys.body().get("keys").get(0).has("d"))
                .as("private exponent must not leak")
                .isFalse();
    }

    private static String sign(RSAKey key, String audience, String issuer) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(List.of(audience))
                .issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("appid", "powerpages-site")
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
