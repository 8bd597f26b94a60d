package dev.powerpages.emulator.store.environment;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Chooses the environment of a Web API request, before security (the token's audience depends on it)
 * and before any database access:
 * <ol>
 * <li>a path prefix {@code /<name>/api/data/v9.2/...}, for clients that cannot choose a host name; the
 * rest of the application then sees {@code /api/data/v9.2/...};</li>
 * <li>else the host name, as on the platform where each environment has its own host
 * ({@code <org>.crm4.dynamics.com}): {@code <name>.localhost} for a store at {@code http://localhost:8070};</li>
 * <li>else the default environment.</li>
 * </ol>
 * A prefix or host naming no hosted environment answers 404 in Dataverse's error shape.
 */
class EnvironmentRoutingFilter extends OncePerRequestFilter {

    private static final Pattern PREFIXED = Pattern.compile("/([^/]+)(/api/data(?:/.*)?)");

    private final Environments environments;
    private final CurrentEnvironment current;

    EnvironmentRoutingFilter(Environments environments, CurrentEnvironment current) {
        this.environments = environments;
        this.current = current;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher prefixed = PREFIXED.matcher(path);
        if (prefixed.matches() && !prefixed.group(1).equals("api")) {
            Optional<DataverseEnvironment> environment = environments.byName(prefixed.group(1));
            if (environment.isEmpty()) {
                notFound(response, prefixed.group(1));
                return;
            }
            run(
                    environment.get(),
                    environment.get().pathUrl(),
                    new PrefixStripped(request, prefixed.group(2)),
                    response,
                    chain);
            return;
        }
        if (!path.equals("/api/data") && !path.startsWith("/api/data/")) {
            chain.doFilter(request, response);
            return;
        }
        String host = request.getServerName();
        Optional<DataverseEnvironment> byHost = environments.byHost(host);
        if (byHost.isPresent()) {
            run(byHost.get(), byHost.get().hostUrl(), request, response, chain);
            return;
        }
        Optional<String> named = environments.nameInHost(host);
        if (named.isPresent()) {
            notFound(response, named.get());
            return;
        }
        DataverseEnvironment fallback = environments.defaultEnvironment();
        run(fallback, fallback.url(), request, response, chain);
    }

    private void run(
            DataverseEnvironment environment,
            String baseUrl,
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain)
            throws ServletException, IOException {
        try {
            current.callIn(environment, baseUrl, () -> {
                try {
                    chain.doFilter(request, response);
                    return null;
                } catch (IOException | ServletException e) {
                    throw new Tunnel(e);
                }
            });
        } catch (Tunnel tunnel) {
            if (tunnel.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) tunnel.getCause();
        }
    }

    /**
     * No such organization here. On the platform an unknown org's host does not resolve at all; the
     * emulator answers with the Web API's "resource not found" error, so a Dataverse client reports it
     * in the usual way.
     */
    private static void notFound(HttpServletResponse response, String name) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/json; odata.metadata=minimal");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("OData-Version", "4.0");
        String safeName = name.replaceAll("[^A-Za-z0-9._-]", "?");
        response.getOutputStream()
                .write(("{\"error\":{\"code\":\"0x8006088a\",\"message\":\"No environment (organization) named '"
                                + safeName + "' is hosted by this store.\"}}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The request as the Web API expects it: the environment's prefix removed from its path. */
    private static final class PrefixStripped extends HttpServletRequestWrapper {

        private final String path;

        PrefixStripped(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer();
            url.append(getScheme()).append("://").append(getServerName());
            boolean defaultPort = getScheme().equals("http") && getServerPort() == 80
                    || getScheme().equals("https") && getServerPort() == 443;
            if (!defaultPort) {
                url.append(':').append(getServerPort());
            }
            return url.append(getRequestURI());
        }

        /** The servlet path is decoded, as the container's is. */
        @Override
        public String getServletPath() {
            return UriUtils.decode(path, StandardCharsets.UTF_8);
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }

    private static final class Tunnel extends RuntimeException {
        Tunnel(Exception cause) {
            super(cause);
        }
    }
}
