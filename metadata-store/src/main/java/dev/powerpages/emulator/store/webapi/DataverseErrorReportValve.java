package dev.powerpages.emulator.store.webapi;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Errors that Tomcat answers itself, before a request reaches Spring (a request line or headers
 * over the connector's limit, a malformed request), in the Web API's error shape
 * {@code {"error":{"code":…,"message":…}}} rather than Tomcat's HTML report page: clients of a
 * Dataverse Web API parse JSON errors. Tomcat's own valve decides when a report is due; only the
 * body differs.
 */
public class DataverseErrorReportValve extends ErrorReportValve {

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
            response.setHeader("OData-Version", "4.0");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":{\"code\":\"0x80060888\",\"message\":\"The request was rejected by the server"
                        + " (HTTP " + status + "): its URL or headers are malformed or longer than the server accepts.\"}}");
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The connection is gone or the response already committed: nothing more to tell the client.
        }
    }
}
