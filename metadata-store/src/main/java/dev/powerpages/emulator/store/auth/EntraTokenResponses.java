package dev.powerpages.emulator.store.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Token endpoint answers shaped like the endpoint the request came to ({@link TokenFlavour}). Microsoft Entra ID's
 * v2.0 endpoint: the client-credentials success body ({@code token_type}, {@code expires_in}, {@code ext_expires_in},
 * {@code access_token}; no scope, no refresh token). Its v1 endpoint: the same with every number a string and
 * {@code expires_on}, {@code not_before} and {@code resource} added. Both: errors carrying AADSTS codes,
 * {@code error_codes}, {@code timestamp}, {@code trace_id} and {@code correlation_id}. AD FS: {@code access_token},
 * {@code token_type} "bearer" and {@code expires_in}; errors with only {@code error} and {@code error_description}.
 */
final class EntraTokenResponses {

    private final ObjectMapper mapper;
    private final String tenantId;

    EntraTokenResponses(ObjectMapper mapper, String tenantId) {
        this.mapper = mapper;
        this.tenantId = tenantId;
    }

    void success(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AccessToken token = ((OAuth2AccessTokenAuthenticationToken) authentication).getAccessToken();
        long expiresIn = token.getIssuedAt() == null || token.getExpiresAt() == null
                ? 0
                : Duration.between(token.getIssuedAt(), token.getExpiresAt()).toSeconds();
        Map<String, Object> body = new LinkedHashMap<>();
        switch (TokenFlavour.of(request)) {
            case V1 -> {
                body.put("token_type", "Bearer");
                body.put("expires_in", Long.toString(expiresIn));
                body.put("ext_expires_in", Long.toString(expiresIn));
                body.put(
                        "expires_on",
                        Long.toString(
                                token.getExpiresAt() == null
                                        ? 0
                                        : token.getExpiresAt().getEpochSecond()));
                body.put(
                        "not_before",
                        Long.toString(
                                token.getIssuedAt() == null
                                        ? 0
                                        : token.getIssuedAt().getEpochSecond()));
                Object resource = request.getAttribute(TokenEndpointFlavours.RESOURCE_ATTRIBUTE);
                if (resource != null) {
                    body.put("resource", resource);
                }
                body.put("access_token", token.getTokenValue());
            }
            case ADFS -> {
                body.put("access_token", token.getTokenValue());
                body.put("token_type", "bearer");
                body.put("expires_in", expiresIn);
            }
            default -> {
                body.put("token_type", "Bearer");
                body.put("expires_in", expiresIn);
                body.put("ext_expires_in", expiresIn);
                body.put("access_token", token.getTokenValue());
            }
        }
        write(response, HttpStatus.OK, body);
    }

    void failure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        String clientId = request.getParameter("client_id");
        String description = error.getDescription() == null ? "" : error.getDescription();
        HttpStatus status = HttpStatus.BAD_REQUEST;
        String code = error.getErrorCode();
        int aadsts;
        String message;
        switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_CLIENT -> {
                if (description.endsWith("client_id")) {
                    aadsts = 700016;
                    code = OAuth2ErrorCodes.UNAUTHORIZED_CLIENT;
                    message =
                            "Application with identifier '" + clientId + "' was not found in the directory '" + tenantId
                                    + "'. This can happen if the application has not been installed by the administrator of the tenant.";
                } else {
                    aadsts = 7000215;
                    status = HttpStatus.UNAUTHORIZED;
                    message =
                            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                                    + clientId + "'.";
                }
            }
            case OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE, OAuth2ErrorCodes.UNAUTHORIZED_CLIENT -> {
                aadsts = 70003;
                message = "The app requested an unsupported grant type '" + request.getParameter("grant_type") + "'.";
            }
            case OAuth2ErrorCodes.INVALID_SCOPE -> {
                String scope = request.getParameter("scope");
                Object resource = request.getAttribute(TokenEndpointFlavours.RESOURCE_ATTRIBUTE);
                if (resource != null || (scope != null && scope.endsWith("/.default") && !scope.contains(" "))) {
                    // A well-formed request for a resource the tenant does not know: Entra ID names the resource.
                    aadsts = 500011;
                    code = "invalid_resource";
                    message = "The resource principal named "
                            + (resource != null ? resource : scope.substring(0, scope.length() - "/.default".length()))
                            + " was not found in the tenant named " + tenantId
                            + ". This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.";
                } else {
                    aadsts = 70011;
                    message =
                            "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope "
                                    + scope + " is not valid.";
                }
            }
            default -> {
                aadsts = 900144;
                message = "The request is not valid: " + (description.isEmpty() ? error.getErrorCode() : description);
            }
        }
        if (TokenFlavour.of(request) == TokenFlavour.ADFS) {
            // AD FS writes no AADSTS codes, trace or correlation ids: the OAuth error and a description.
            write(response, status, adfsError(code, message));
        } else {
            write(response, status, entraError(code, aadsts, message));
        }
    }

    Map<String, Object> adfsError(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    Map<String, Object> entraError(String error, int aadsts, String message) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp =
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("T", " ");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put(
                "error_description",
                "AADSTS" + aadsts + ": " + message + " Trace ID: " + traceId + " Correlation ID: " + correlationId
                        + " Timestamp: " + timestamp);
        body.put("error_codes", List.of(aadsts));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
        return body;
    }

    void write(HttpServletResponse response, HttpStatus status, Map<String, Object> body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        // Token responses must not be cached (RFC 6749 section 5.1).
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        mapper.writeValue(response.getOutputStream(), body);
    }
}
