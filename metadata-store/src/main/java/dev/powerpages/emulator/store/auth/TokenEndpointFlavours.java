package dev.powerpages.emulator.store.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the token endpoints take beyond what Spring Authorization Server does. MSAL adds the OpenID Connect scopes
 * {@code openid profile offline_access} to every request, client credentials included, and Entra ID ignores them
 * there (they ask for an ID token and a refresh token, which app-only flows have none of): they are dropped before
 * the authorization server checks the scopes against the application's. And the v1 token endpoint
 * {@code /{tenant}/oauth2/token} and AD FS's {@code /adfs/oauth2/token} are served by the same
 * authorization server as the v2 endpoint: the request is forwarded there with its v1 {@code resource} turned into
 * the v2 scope {@code <resource>/.default}, which is the mapping Entra ID documents between the two ("scopes for a
 * v1.0 resource": the resource followed by {@code /.default}, a trailing slash kept), and marked with its
 * {@link TokenFlavour} so that the answer takes the endpoint's own shape. Client authentication, the grant and the
 * errors are then the authorization server's, as on the v2 endpoint. A forward rather than a rewritten request: the
 * security filters match the forwarded path as Tomcat set it, with nothing cached from the original one.
 */
final class TokenEndpointFlavours extends OncePerRequestFilter {

    static final String RESOURCE_ATTRIBUTE = TokenEndpointFlavours.class.getName() + ".resource";

    private static final Pattern V1 = Pattern.compile("/([^/]+)/oauth2/token/?");
    private static final Set<String> OPENID_SCOPES = Set.of("openid", "profile", "offline_access", "email");
    private static final Pattern ADFS = Pattern.compile("/adfs/oauth2/token/?", Pattern.CASE_INSENSITIVE);

    private final String tenantId;
    private final String v2TokenPath;
    private final boolean adfsEnabled;
    private final EntraTokenResponses responses;

    TokenEndpointFlavours(String tenantId, String v2TokenPath, boolean adfsEnabled, EntraTokenResponses responses) {
        this.tenantId = tenantId;
        this.v2TokenPath = v2TokenPath;
        this.adfsEnabled = adfsEnabled;
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        TokenFlavour flavour = null;
        if (adfsEnabled && ADFS.matcher(path).matches()) {
            flavour = TokenFlavour.ADFS;
        } else {
            Matcher v1 = V1.matcher(path);
            if (v1.matches() && v1.group(1).equals(tenantId)) {
                flavour = TokenFlavour.V1;
            }
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String clientRequestId = request.getHeader("client-request-id");
        if (clientRequestId != null && (flavour != null || path.equals(v2TokenPath))) {
            // Entra ID echoes the id MSAL sends, which MSAL checks to correlate its logs with the server's.
            response.setHeader("client-request-id", clientRequestId);
        }
        if (flavour == null) {
            chain.doFilter(path.equals(v2TokenPath) ? withoutOpenIdScopes(request) : request, response);
            return;
        }
        flavour.mark(request);
        String resource = request.getParameter("resource");
        String scope = request.getParameter("scope");
        if (isBlank(resource) && isBlank(scope)) {
            // Entra ID's v1 endpoint: AADSTS900144 names the missing parameter; AD FS answers invalid_request too.
            responses.write(
                    response,
                    HttpStatus.BAD_REQUEST,
                    flavour == TokenFlavour.ADFS
                            ? responses.adfsError(
                                    "invalid_request", "The request must contain a 'resource' or a 'scope' parameter.")
                            : responses.entraError(
                                    "invalid_request",
                                    900144,
                                    "The request body must contain the following parameter: 'resource'."));
            return;
        }
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        if (isBlank(scope)) {
            parameters.put("scope", new String[] {resource + "/.default"});
            request.setAttribute(RESOURCE_ATTRIBUTE, resource);
        }
        parameters.remove("resource");
        request.getRequestDispatcher(v2TokenPath)
                .forward(withoutOpenIdScopes(new Parameters(request, parameters)), response);
    }

    private static HttpServletRequest withoutOpenIdScopes(HttpServletRequest request) {
        String scope = request.getParameter("scope");
        if (scope == null) {
            return request;
        }
        String kept = Arrays.stream(scope.trim().split("\\s+"))
                .filter(s -> !OPENID_SCOPES.contains(s))
                .collect(Collectors.joining(" "));
        if (kept.equals(scope) || kept.isEmpty()) {
            return request;
        }
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        parameters.put("scope", new String[] {kept});
        return new Parameters(request, parameters);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The request with other form parameters. */
    private static final class Parameters extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        Parameters(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = Collections.unmodifiableMap(parameters);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
