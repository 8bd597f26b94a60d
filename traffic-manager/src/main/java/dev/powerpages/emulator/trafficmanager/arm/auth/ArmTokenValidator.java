package dev.powerpages.emulator.trafficmanager.arm.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Azure Resource Manager's checks of an access token, each failure named with ARM's error code (carried as the
 * OAuth2 error code, read back by {@link ArmChallenge}): {@code ExpiredAuthenticationToken} past {@code exp} (or
 * before {@code nbf}), {@code InvalidAuthenticationTokenAudience} when {@code aud} is not one of Resource Manager's
 * audiences, {@code InvalidAuthenticationTokenTenant} when the issuer is not the subscription's tenant. Messages as
 * ARM words them (Azure Resource Manager troubleshooting, "Authentication errors").
 */
public final class ArmTokenValidator implements OAuth2TokenValidator<Jwt> {

    /** The leeway token validators commonly allow for clocks that differ a little. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", java.util.Locale.US)
            .withZone(ZoneOffset.UTC);

    private final List<String> issuers;
    private final List<String> audiences;
    private final String authority;
    private final Clock clock;

    public ArmTokenValidator(List<String> issuers, List<String> audiences, String authority, Clock clock) {
        this.issuers = List.copyOf(issuers);
        this.audiences = List.copyOf(audiences);
        this.authority = authority;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant now = clock.instant();
        if (token.getExpiresAt() == null || now.minus(CLOCK_SKEW).isAfter(token.getExpiresAt())) {
            return OAuth2TokenValidatorResult.failure(expiredError(token.getExpiresAt(), now));
        }
        if (token.getNotBefore() != null && now.plus(CLOCK_SKEW).isBefore(token.getNotBefore())) {
            return failure(
                    "InvalidAuthenticationToken",
                    "The access token is not yet valid: its 'nbf' is '" + UTC.format(token.getNotBefore())
                            + "' and the current UTC time is '" + UTC.format(now) + "'.");
        }
        List<String> audience = token.getAudience() == null ? List.of() : token.getAudience();
        if (audience.stream().noneMatch(audiences::contains)) {
            return failure(
                    "InvalidAuthenticationTokenAudience",
                    "The access token has been obtained for wrong "
                            + "audience or resource '" + String.join(",", audience)
                            + "'. It should exactly match with one of "
                            + "the allowed audiences "
                            + audiences.stream().map(a -> "'" + a + "'").collect(Collectors.joining(",")) + ".");
        }
        String issuer = token.getClaimAsString("iss");
        if (issuer == null || !issuers.contains(issuer)) {
            return failure(
                    "InvalidAuthenticationTokenTenant",
                    "The access token is from the wrong issuer '" + issuer
                            + "'. It must match the tenant associated with this subscription. Please use the authority (URL) '"
                            + authority + "' to get the token.");
        }
        return OAuth2TokenValidatorResult.success();
    }

    static OAuth2Error expiredError(Instant expiry, Instant now) {
        return new OAuth2Error(
                "ExpiredAuthenticationToken",
                "The access token expiry UTC time '"
                        + (expiry == null ? "(none)" : UTC.format(expiry)) + "' is earlier than current UTC time '"
                        + UTC.format(now) + "'.",
                null);
    }

    private static OAuth2TokenValidatorResult failure(String code, String message) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(code, message, null));
    }
}
