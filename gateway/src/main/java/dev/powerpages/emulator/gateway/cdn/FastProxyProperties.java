package dev.powerpages.emulator.gateway.cdn;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The proxied fast path ({@link ProxiedFastPath}).
 *
 * @param enabled whether a request the CDN stage passes to the origin (every request while the CDN is off) is proxied
 * ahead of the web pipeline when the pipeline would do nothing else with it; false sends every request through the web
 * filters, the handler mappings and the route's filter chain (read when the server is built, as {@code fast-hits})
 * @param wafInspected whether such a request is taken here while a WAF policy inspects requests too (inspected by the
 * WAF stage's own code first, which answers a block itself); false leaves every request a policy inspects to the
 * pipeline
 * @param oneWriteMaxSize the largest origin body (by its {@code Content-Length}) that is gathered and written to the
 * visitor together with the response's headers, in one write and one flush; a larger body, one without a length or a
 * streaming media type is passed on chunk by chunk as it arrives (0: every body is)
 */
@ConfigurationProperties("gateway.fast-proxy")
public record FastProxyProperties(boolean enabled, boolean wafInspected, DataSize oneWriteMaxSize) {}
