package dev.powerpages.emulator.store.auth;

import dev.powerpages.emulator.support.tls.StackTlsProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * The identity endpoints over TLS ({@code https://localhost:8071/{tenant}/…}, {@code /adfs/…}): MSAL, the Azure SDK
 * and az accept only an {@code https} authority. A second Tomcat connector of the store, its certificate issued by the
 * stack's local CA ({@code stack.tls.directory}); on it, only the identity paths answer (the Web API stays on the HTTP
 * port, as the contract has it), anything else is 404 in Entra ID's error shape. Without it ({@code
 * store.identity.tls.enabled: false}) the beans stay and do nothing: {@link IdentityTlsConnector} adds no connector,
 * so no request arrives on its port (the switch is read at run time, see there).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StackTlsProperties.class)
class IdentityTlsConfiguration {

    /** {@code /{tenant}/…} discovery, keys and token endpoints, and all of the AD FS authority. */
    static final Pattern IDENTITY_PATHS = Pattern.compile(
            "/[^/]+/(?:v2\\.0/\\.well-known/openid-configuration|\\.well-known/openid-configuration|discovery/.*|oauth2/.*)|/adfs(?:/.*)?",
            Pattern.CASE_INSENSITIVE);

    @Bean
    IdentityTlsConnector identityTlsConnector(IdentityProperties identity, StackTlsProperties stackTls) {
        return new IdentityTlsConnector(identity, stackTls);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> identityPathsOnlyOverTls(
            IdentityTlsConnector identityTlsConnector, ObjectMapper mapper) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (request.getLocalPort() == identityTlsConnector.port()
                        && !IDENTITY_PATHS.matcher(path).matches()) {
                    Map<String, Object> body = Map.of(
                            "error",
                            "not_found",
                            "error_description",
                            "This port serves the identity endpoints only (/{tenant}/.well-known/openid-configuration, "
                                    + "/{tenant}/oauth2/..., /adfs/...); the Web API is on the store's HTTP port.");
                    response.setStatus(HttpStatus.NOT_FOUND.value());
                    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    mapper.writeValue(response.getOutputStream(), body);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
