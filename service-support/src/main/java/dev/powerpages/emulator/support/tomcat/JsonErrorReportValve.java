package dev.powerpages.emulator.support.tomcat;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Context;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Errors Tomcat answers itself, before a request reaches the service's filters (a request line and headers together
 * beyond {@code server.max-http-request-header-size}, a malformed request), as a JSON error body in the service's
 * shape rather than Tomcat's HTML report, which names Tomcat and its version. Tomcat's own valve decides when a
 * report is due; only the body and a few headers differ, and those are the service's: {@link ErrorBody} builds the
 * body from the path, the status and a message that is the same everywhere.
 *
 * <p>Tomcat creates a host's error report valve from a class name with a no-argument constructor, unless the host's
 * pipeline already holds a valve of that class: {@link #customizer} puts a configured instance there and names its
 * class, so the service's body function reaches Tomcat without a subclass per service.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    /** The body of Tomcat's own error answers, in the service's error shape. */
    @FunctionalInterface
    public interface ErrorBody {

        /**
         * @param path the request's URI as Tomcat parsed it (may be {@code null} when the request line was unreadable)
         * @param status the status Tomcat answers, 400 or above
         * @param message why, without Tomcat's details: "The request was rejected by the server (HTTP 400): …"
         * @return the whole JSON document
         */
        String json(String path, int status, String message);
    }

    private final ErrorBody body;
    private final Map<String, String> headers;

    /**
     * @param body builds the JSON body
     * @param headers added to every such answer (for example {@code X-Content-Type-Options}, which the service's own
     *     header filters never get to add here)
     */
    public JsonErrorReportValve(ErrorBody body, Map<String, String> headers) {
        this.body = Objects.requireNonNull(body, "body");
        this.headers = Map.copyOf(headers);
        setShowReport(false);
        setShowServerInfo(false);
    }

    /**
     * Makes every Tomcat the factory builds answer its own errors with a new valve of this kind (a valve belongs to
     * one Tomcat: tests start several in one JVM).
     */
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> customizer(
            ErrorBody body, Map<String, String> headers) {
        return factory ->
                factory.addContextCustomizers(context -> new JsonErrorReportValve(body, headers).installOn(context));
    }

    /** Installs this valve as the error report valve of the context's host, before the host starts. */
    void installOn(Context context) {
        if (!(context.getParent() instanceof StandardHost host)) {
            return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof JsonErrorReportValve) {
                return;
            }
        }
        host.getPipeline().addValve(this);
        host.setErrorReportValveClass(getClass().getName());
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            headers.forEach(response::setHeader);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body.json(
                        request.getRequestURI(),
                        status,
                        "The request was rejected by the server (HTTP " + status
                                + "): its URL or headers are malformed or longer than the server accepts."));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ex) {
            // The connection is gone or the response already committed: nothing more to tell the client.
        }
    }
}
