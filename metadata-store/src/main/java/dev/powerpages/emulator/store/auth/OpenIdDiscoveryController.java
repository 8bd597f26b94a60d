package dev.powerpages.emulator.store.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.powerpages.emulator.store.StoreProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * The OpenID Connect discovery documents and signing keys clients read before asking for a token, as Microsoft
 * Entra ID publishes them for a tenant (v2.0: {@code /{tenant}/v2.0/.well-known/openid-configuration}; v1:
 * {@code /{tenant}/.well-known/openid-configuration}), and as AD FS publishes them for its authority
 * {@code /adfs} (Azure Stack Hub's AD FS shape, [MS-OIDCE] 3.2.5.3: {@code access_token_issuer} among the fields).
 *
 * <p>Endpoint URLs are built from the request's own scheme, host and port, so each document names the connector it
 * was read from (the TLS one for MSAL, {@code https://localhost:8071}; the HTTP one for scripts). Issuers do not vary:
 * the v1 document's {@code issuer} is the tokens' issuer, {@code {store.public-url}/{tenant}/} (Entra's
 * {@code https://sts.windows.net/{tenant}/}); the v2 document names the v2 form {@code <authority>/{tenant}/v2.0},
 * which Entra ID uses for v2 tokens only; the resources here (Dataverse, Azure Resource Manager) take v1 tokens, so
 * every access token carries the v1 issuer, as Entra's tokens for those resources do. Endpoints the documents must
 * name but the emulator does not serve (authorize, logout, user info, device code) are listed as Entra lists them;
 * only client credentials are emulated (docs/azure-tooling.md).
 */
@RestController
class OpenIdDiscoveryController {

    private static final List<String> V2_CLAIMS = List.of(
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "acr",
            "nonce",
            "preferred_username",
            "name",
            "tid",
            "ver",
            "at_hash",
            "c_hash",
            "email");

    private static final List<String> V1_CLAIMS = List.of(
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "acr",
            "amr",
            "nonce",
            "email",
            "given_name",
            "family_name",
            "nickname");

    private final StoreProperties properties;
    private final IdentityProperties identity;
    private final Map<String, Object> keys;
    private final EntraTokenResponses responses;

    OpenIdDiscoveryController(
            StoreProperties properties, IdentityProperties identity, RSAKey tokenSigningKey, ObjectMapper mapper) {
        this.properties = properties;
        this.identity = identity;
        // Public parts only: toJSONObject(true) drops the private exponent and primes.
        this.keys = new JWKSet(tokenSigningKey).toJSONObject(true);
        this.responses = new EntraTokenResponses(mapper, properties.tenantId());
    }

    @GetMapping("/{tenant}/v2.0/.well-known/openid-configuration")
    ResponseEntity<Map<String, Object>> v2(@PathVariable String tenant) {
        if (!tenant.equals(properties.tenantId())) {
            return unknownTenant(tenant);
        }
        String authority = base() + "/" + tenant;
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("token_endpoint", authority + "/oauth2/v2.0/token");
        document.put(
                "token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        document.put("jwks_uri", authority + "/discovery/v2.0/keys");
        document.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        document.put("subject_types_supported", List.of("pairwise"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        document.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        document.put("issuer", authority + "/v2.0");
        document.put("request_uri_parameter_supported", false);
        document.put("authorization_endpoint", authority + "/oauth2/v2.0/authorize");
        document.put("device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode");
        document.put("http_logout_supported", true);
        document.put("frontchannel_logout_supported", true);
        document.put("end_session_endpoint", authority + "/oauth2/v2.0/logout");
        document.put("claims_supported", V2_CLAIMS);
        document.put("tenant_region_scope", null);
        document.put("cloud_instance_name", host());
        return document(document);
    }

    @GetMapping("/{tenant}/.well-known/openid-configuration")
    ResponseEntity<Map<String, Object>> v1(@PathVariable String tenant) {
        if (tenant.equalsIgnoreCase("adfs") && identity.adfs().enabled()) {
            return adfs();
        }
        if (!tenant.equals(properties.tenantId())) {
            return unknownTenant(tenant);
        }
        String authority = base() + "/" + tenant;
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("token_endpoint", authority + "/oauth2/token");
        document.put(
                "token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        document.put("jwks_uri", authority + "/discovery/keys");
        document.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        document.put("subject_types_supported", List.of("pairwise"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put(
                "response_types_supported", List.of("code", "id_token", "code id_token", "token id_token", "token"));
        document.put("scopes_supported", List.of("openid"));
        document.put("issuer", properties.issuer());
        document.put("microsoft_multi_refresh_token", true);
        document.put("authorization_endpoint", authority + "/oauth2/authorize");
        document.put("device_authorization_endpoint", authority + "/oauth2/devicecode");
        document.put("http_logout_supported", true);
        document.put("frontchannel_logout_supported", true);
        document.put("end_session_endpoint", authority + "/oauth2/logout");
        document.put("claims_supported", V1_CLAIMS);
        document.put("check_session_iframe", authority + "/oauth2/checksession");
        document.put("userinfo_endpoint", authority + "/openid/userinfo");
        document.put("tenant_region_scope", null);
        document.put("cloud_instance_name", host());
        return document(document);
    }

    /** AD FS's document: its endpoints end in '/', and its access tokens have an issuer of their own. */
    private ResponseEntity<Map<String, Object>> adfs() {
        String authority = base() + "/adfs";
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", authority);
        document.put("authorization_endpoint", authority + "/oauth2/authorize/");
        document.put("token_endpoint", authority + "/oauth2/token/");
        document.put("jwks_uri", authority + "/discovery/keys");
        document.put(
                "token_endpoint_auth_methods_supported",
                List.of(
                        "client_secret_post",
                        "client_secret_basic",
                        "private_key_jwt",
                        "windows_client_authentication"));
        document.put(
                "response_types_supported",
                List.of("code", "id_token", "code id_token", "id_token token", "code token", "code id_token token"));
        document.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        document.put(
                "grant_types_supported",
                List.of(
                        "authorization_code",
                        "refresh_token",
                        "client_credentials",
                        "urn:ietf:params:oauth:grant-type:jwt-bearer",
                        "implicit",
                        "password",
                        "srv_challenge",
                        "urn:ietf:params:oauth:grant-type:device_code",
                        "device_code"));
        document.put("subject_types_supported", List.of("pairwise"));
        document.put("scopes_supported", List.of("openid", "profile", "email", "allatclaims", "user_impersonation"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
        document.put("access_token_issuer", SecurityConfiguration.adfsAccessTokenIssuer(properties));
        document.put(
                "claims_supported",
                List.of(
                        "aud",
                        "iss",
                        "iat",
                        "exp",
                        "auth_time",
                        "nonce",
                        "at_hash",
                        "c_hash",
                        "sub",
                        "upn",
                        "unique_name",
                        "pwd_url",
                        "pwd_exp",
                        "mfa_auth_time",
                        "sid",
                        "nbf"));
        document.put("microsoft_multi_refresh_token", true);
        document.put("userinfo_endpoint", authority + "/userinfo");
        document.put("capabilities", List.of());
        document.put("end_session_endpoint", authority + "/oauth2/logout");
        document.put("frontchannel_logout_supported", true);
        document.put("frontchannel_logout_session_supported", true);
        document.put("device_authorization_endpoint", authority + "/oauth2/devicecode");
        return document(document);
    }

    /** The v1 key set ({@code /discovery/keys}); the v2 one is the authorization server's own endpoint. */
    @GetMapping("/{tenant}/discovery/keys")
    ResponseEntity<Map<String, Object>> keys(@PathVariable String tenant) {
        if (!tenant.equals(properties.tenantId())
                && !(tenant.equalsIgnoreCase("adfs") && identity.adfs().enabled())) {
            return unknownTenant(tenant);
        }
        return document(keys);
    }

    private ResponseEntity<Map<String, Object>> unknownTenant(String tenant) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .cacheControl(CacheControl.noStore())
                .body(
                        responses.entraError(
                                "invalid_tenant",
                                90002,
                                "Tenant '" + tenant
                                        + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."));
    }

    private static ResponseEntity<Map<String, Object>> document(Map<String, Object> body) {
        // Entra ID lets clients cache these for a day; the emulator's keys can change with its data folder, so less.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(body);
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toUriString();
    }

    private static String host() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().getHost();
    }
}
