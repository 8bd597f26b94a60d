package dev.powerpages.emulator.store.environment;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Accepts a token only if its audience is the URL of the environment the request is for, as each
 * Dataverse environment accepts only tokens issued for its own URL ({@code scope=<env url>/.default}).
 * A token for another environment of the same tenant is refused with 401.
 */
@Component
public class EnvironmentAudienceValidator implements OAuth2TokenValidator<Jwt> {

    private final CurrentEnvironment current;

    EnvironmentAudienceValidator(CurrentEnvironment current) {
        this.current = current;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        DataverseEnvironment environment = current.environment();
        List<String> audiences = token.getAudience();
        if (audiences != null && audiences.stream().anyMatch(environment::accepts)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The token's audience " + audiences + " is not the URL of environment " + environment.name() + " ("
                        + environment.url() + ")",
                null));
    }
}
