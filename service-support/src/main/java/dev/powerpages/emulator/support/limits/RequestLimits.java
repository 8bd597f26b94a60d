package dev.powerpages.emulator.support.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one request may bring, bound from {@code limits.*} in each service's application.yml (the app node and the
 * traffic manager both document that prefix, with their own defaults there). The starter binds it in every
 * servlet service. Checked by {@link RequestLimitsFilter} below Tomcat's
 * own ceiling ({@code server.max-http-request-header-size}), so that the client gets the precise status (414, 431,
 * 413) in the service's error shape rather than Tomcat's bare 400.
 *
 * @param maxUrlLength characters of the path and query string together → 414
 * @param maxHeaderSize bytes of all header names and values together → 431
 * @param maxBodySize bytes of a request body, declared or chunked → 413
 * @param maxJsonDepth nesting of arrays and objects in a JSON body → 400
 */
@ConfigurationProperties("limits")
public record RequestLimits(int maxUrlLength, DataSize maxHeaderSize, DataSize maxBodySize, int maxJsonDepth) {

    public RequestLimits {
        maxUrlLength = maxUrlLength > 0 ? maxUrlLength : 8192;
        maxHeaderSize = maxHeaderSize != null ? maxHeaderSize : DataSize.ofKilobytes(16);
        maxBodySize = maxBodySize != null ? maxBodySize : DataSize.ofMegabytes(1);
        maxJsonDepth = maxJsonDepth > 0 ? maxJsonDepth : 64;
    }
}
