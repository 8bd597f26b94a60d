package dev.powerpages.emulator.appnode.limits;

import dev.powerpages.emulator.appnode.node.NodePaths;
import dev.powerpages.emulator.support.error.ErrorEnvelope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/**
 * The error answers of the node for requests refused before a controller: on the visitors' Web API ({@code /_api})
 * Dataverse's shape {@code {"error":{"code":"0x…","message":…}}} (the codes are indicative: Dataverse's payload
 * error for bad bodies, its request-rejected code for oversized requests); on the node's own endpoints
 * ({@code /_services}, {@code /actuator}) the same envelope with a readable code, as the chaos and about endpoints
 * answer; on site pages a small HTML page. Never a stack trace, never the container's name or version.
 */
public final class NodeErrors {

    static final String DATAVERSE_PAYLOAD_ERROR = "0x80048d19";
    static final String DATAVERSE_REQUEST_REJECTED = "0x80060888";

    private NodeErrors() {}

    public static boolean isWebApi(String path) {
        return path != null && (path.equals("/_api") || path.startsWith("/_api/"));
    }

    static boolean isNodeService(String path) {
        return NodePaths.isNodeService(path);
    }

    /** The {@code code} of the error body for this path: Dataverse's hex codes on the Web API. */
    public static String code(String path, int status, String readableCode) {
        if (!isWebApi(path)) {
            return readableCode;
        }
        return status == 400 || status == 415 ? DATAVERSE_PAYLOAD_ERROR : DATAVERSE_REQUEST_REJECTED;
    }

    public static void write(HttpServletResponse response, String path, int status, String readableCode, String message)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        // The client may still be sending a body we will not read: do not keep the connection for another request.
        if (status == 413) {
            response.setHeader("Connection", "close");
        }
        byte[] body;
        if (isWebApi(path) || isNodeService(path)) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            body = json(code(path, status, readableCode), message).getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("text/html;charset=UTF-8");
            body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + status + "</title></head><body><h1>"
                            + status + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    public static String json(String code, String message) {
        return ErrorEnvelope.json(code, message);
    }
}
