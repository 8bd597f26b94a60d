package dev.powerpages.emulator.support.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests beyond {@link RequestLimits} before any controller or Spring Security sees them: a URL too long
 * (414), headers too large (431), a body too large (413, whether its length is declared or it arrives chunked), a
 * JSON body nested too deeply (400), a body that is not JSON on a path whose API takes JSON only (415). The answers
 * are written by the service's {@link RejectionWriter}, in the shape of the path's API.
 *
 * <p>Registered by the starter ({@link dev.powerpages.emulator.support.servlet.ServletSupportAutoConfiguration}) at
 * {@link #ORDER}, after the headers every answer must carry, in a service that declares its
 * {@link RequestLimitsAnswers}.
 *
 * <p>Bodies up to the limit are read here once and handed on from memory; form posts are left to Tomcat's own
 * parameter parsing (limited by {@code server.tomcat.max-http-form-post-size}) because reading them here would
 * take their parameters away from the servlet.
 */
public class RequestLimitsFilter extends OncePerRequestFilter {

    /** Right after the services' identity and security header filters, so refusals carry those headers too. */
    public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 5;

    private final RequestLimits limits;
    private final String self;
    private final Predicate<String> jsonOnlyPaths;
    private final RejectionWriter rejections;

    /**
     * @param limits what one request may bring
     * @param self how the messages name the service, as in "…; {@code this node} accepts at most 8192."
     * @param jsonOnlyPaths the paths (request URIs) whose bodies must be JSON: any other body there gets 415
     * @param rejections writes the refusals in the service's error shape
     */
    public RequestLimitsFilter(
            RequestLimits limits, String self, Predicate<String> jsonOnlyPaths, RejectionWriter rejections) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.self = Objects.requireNonNull(self, "self");
        this.jsonOnlyPaths = Objects.requireNonNull(jsonOnlyPaths, "jsonOnlyPaths");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        int urlLength = path.length()
                + (request.getQueryString() == null
                        ? 0
                        : request.getQueryString().length() + 1);
        if (urlLength > limits.maxUrlLength()) {
            rejections.write(
                    response,
                    path,
                    414,
                    "UriTooLong",
                    "The URL is " + urlLength + " characters long; " + self + " accepts at most "
                            + limits.maxUrlLength() + ".");
            return;
        }
        long headerBytes = headerBytes(request);
        if (headerBytes > limits.maxHeaderSize().toBytes()) {
            rejections.write(
                    response,
                    path,
                    431,
                    "RequestHeaderFieldsTooLarge",
                    "The request headers are " + headerBytes + " bytes; " + self + " accepts at most "
                            + limits.maxHeaderSize().toBytes() + ".");
            return;
        }
        long maxBody = limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > maxBody) {
            rejections.write(response, path, 413, "PayloadTooLarge", tooLarge(maxBody));
            return;
        }
        String contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (!mayHaveBody(request)
                || contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        // One byte beyond the limit is enough to know a chunked body (no declared length) is too large.
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        if (body.length > maxBody) {
            rejections.write(response, path, 413, "PayloadTooLarge", tooLarge(maxBody));
            return;
        }
        if (body.length > 0) {
            boolean json = contentType.startsWith("application/json") || contentType.contains("+json");
            if (!json && jsonOnlyPaths.test(path)) {
                rejections.write(
                        response,
                        path,
                        415,
                        "UnsupportedMediaType",
                        "The request body must be JSON (Content-Type: application/json), not '" + contentType + "'.");
                return;
            }
            if (json && JsonDepth.exceeds(body, limits.maxJsonDepth())) {
                rejections.write(
                        response,
                        path,
                        400,
                        "BadRequest",
                        "The JSON body nests arrays and objects more than " + limits.maxJsonDepth() + " deep.");
                return;
            }
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private String tooLarge(long maxBody) {
        return "The request body is larger than the " + maxBody + " bytes " + self + " accepts.";
    }

    private static boolean mayHaveBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
    }

    private static long headerBytes(HttpServletRequest request) {
        long total = 0;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                total += name.length() + values.nextElement().length() + 4; // ": " and CRLF
            }
        }
        return total;
    }

    /** The request with its body already read: handed on from memory, length known. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException ex) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset =
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
