package dev.powerpages.emulator.store.auth;

import jakarta.servlet.ServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Which of the tenant's token endpoints a request came to. All three issue the same v1 access tokens (Entra ID's
 * tokens for Azure Resource Manager and Dataverse are v1 whichever endpoint issued them); they differ in what the
 * request names (a v2 {@code scope} or a v1 {@code resource}), in the answer's shape, and, for AD FS, in the issuer.
 */
enum TokenFlavour {

    /** {@code /{tenant}/oauth2/v2.0/token}: {@code scope=<resource>/.default}. */
    V2,

    /**
     * {@code /{tenant}/oauth2/token}: {@code resource=<uri>}; the answer's numbers are strings and it carries
     * {@code expires_on}, {@code not_before} and {@code resource}, as Entra ID's v1 endpoint answers.
     */
    V1,

    /** {@code /adfs/oauth2/token}: {@code resource} or {@code scope}; AD FS's answer and its access-token issuer. */
    ADFS;

    private static final String ATTRIBUTE = TokenFlavour.class.getName();

    /** Marks the request (the forwarded one shares its attributes with the original). */
    void mark(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    static TokenFlavour of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof TokenFlavour flavour ? flavour : V2;
    }

    /** The flavour of the request being served on this thread (for the token customizer, which sees no request). */
    static TokenFlavour current() {
        return Optional.ofNullable(RequestContextHolder.getRequestAttributes())
                .map(attributes -> attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST))
                .filter(TokenFlavour.class::isInstance)
                .map(TokenFlavour.class::cast)
                .orElse(V2);
    }
}
