package dev.powerpages.emulator.appnode.limits;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Errors Tomcat answers itself, before the request reaches the node (a request line and headers together beyond
 * {@code server.max-http-request-header-size}, a malformed request): the node's JSON error shape rather than
 * Tomcat's HTML report, which names Tomcat and its version. Tomcat's own valve decides when a report is due.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    public JsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
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
            response.setHeader("X-Content-Type-Options", "nosniff");
            Writer writer = response.getReporter();
            if (writer != null) {
                String path = request.getRequestURI();
                writer.write(NodeErrors.json(NodeErrors.code(path, status, "RequestRejected"), "The request was rejected by the server (HTTP "
                        + status + "): its URL or headers are malformed or longer than the server accepts."));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The connection is gone or the response already committed: nothing more to tell the client.
        }
    }
}
