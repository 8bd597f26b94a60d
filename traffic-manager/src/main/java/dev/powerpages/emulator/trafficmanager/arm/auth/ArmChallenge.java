package dev.powerpages.emulator.trafficmanager.arm.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * ARM's 401: the error envelope with ARM's code, and a {@code WWW-Authenticate} challenge that names where to get
 * a token: {@code Bearer authorization_uri="…", error="invalid_token", error_description="…"} (Azure Resource
 * Manager answers every unauthenticated request so; the Azure SDKs read {@code authorization_uri} and
 * {@code error} from it).
 */
public final class ArmChallenge implements AuthenticationEntryPoint {

    /** Writes the error body; the ARM package's error writer, passed in so this class needs no web layer. */
    @FunctionalInterface
    public interface ErrorWriter {
        void write(HttpServletResponse response, int status, String code, String message) throws IOException;
    }

    private final String authorizationUri;
    private final ErrorWriter errors;

    public ArmChallenge(String authorizationUri, ErrorWriter errors) {
        this.authorizationUri = authorizationUri;
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String code;
        String message;
        String description;
        if (header == null || header.isBlank()) {
            code = "AuthenticationFailed";
            message = "Authentication failed. The 'Authorization' header is missing.";
            description = "The authentication failed because of missing 'Authorization' header.";
        } else if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            code = "AuthenticationFailed";
            message = "Authentication failed. The 'Authorization' header is provided in an invalid format.";
            description = "The authentication failed because of an invalid 'Authorization' header.";
        } else {
            OAuth2Error armError = armError(exception);
            if (armError == null) {
                // The decoder itself refuses an expired token before ArmTokenValidator sees it: name it as ARM does.
                armError = expired(header.substring(7).trim());
            }
            code = armError == null ? "InvalidAuthenticationToken" : armError.getErrorCode();
            message = armError == null ? "The access token is invalid." : armError.getDescription();
            description = message;
        }
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                "Bearer authorization_uri=\"" + authorizationUri + "\", error=\"invalid_token\", error_description=\""
                        + description.replace("\"", "'") + "\"");
        errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, code, message);
    }

    /** ARM's ExpiredAuthenticationToken when the (refused, unverified) token's exp has passed; else null. */
    private static OAuth2Error expired(String token) {
        try {
            java.util.Date expiry =
                    com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            java.time.Instant now = java.time.Instant.now();
            if (expiry != null && expiry.toInstant().isBefore(now)) {
                return ArmTokenValidator.expiredError(expiry.toInstant(), now);
            }
        } catch (java.text.ParseException ex) {
            // Not a JWT at all: the generic answer.
        }
        return null;
    }

    /** The first failure of {@link ArmTokenValidator} behind the exception, if that is what refused the token. */
    private static OAuth2Error armError(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException validation) {
                return validation.getErrors().stream()
                        .filter(e -> !e.getErrorCode().contains("_"))
                        .findFirst()
                        .orElse(null);
            }
            if (cause instanceof OAuth2AuthenticationException oauth
                    && cause.getCause() == null
                    && !oauth.getError().getErrorCode().contains("_")) {
                return oauth.getError();
            }
        }
        return null;
    }
}
