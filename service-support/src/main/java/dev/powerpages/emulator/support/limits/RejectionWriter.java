package dev.powerpages.emulator.support.limits;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How a service answers a request {@link RequestLimitsFilter} refuses: the whole response, in the error shape of the
 * API the path belongs to (the app node answers Dataverse's envelope on {@code /_api} and an HTML page on site
 * pages; the traffic manager ARM's envelope). The filter decides status and message, the service the shape.
 */
@FunctionalInterface
public interface RejectionWriter {

    /**
     * @param path the request's URI, to choose the shape by
     * @param status 414, 431, 413, 415 or 400
     * @param code a readable code named after the status ({@code UriTooLong}, {@code RequestHeaderFieldsTooLarge},
     *     {@code PayloadTooLarge}, {@code UnsupportedMediaType}, {@code BadRequest}); a service may map it to its
     *     API's own codes
     * @param message for a person reading the answer
     */
    void write(HttpServletResponse response, String path, int status, String code, String message) throws IOException;
}
