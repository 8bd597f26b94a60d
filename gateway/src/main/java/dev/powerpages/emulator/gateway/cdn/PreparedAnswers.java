package dev.powerpages.emulator.gateway.cdn;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;

/**
 * What every answer from one stored response shares, worked out once when it is stored rather than on each hit
 * (issue 16, docs/benchmarks.md): its corrected initial age (RFC 9111 4.2.3, from its Date and Age headers) and, for
 * each representation the edge serves from it, the headers the answer carries before the ones each answer adds
 * ({@code X-Azure-Ref}, {@code Age}, {@code X-Cache}). A representation is the identity body or, where Front Door's
 * compression applies ({@link Compression}), the gzip one, which also says {@code Content-Encoding: gzip} and turns a
 * strong {@code ETag} weak (a different representation must not share the identity body's strong validator); both
 * then add {@code Vary: Accept-Encoding}, and each has its own {@code Content-Length}.
 *
 * <p>The headers are kept in Netty's own form ({@link DefaultHttpHeaders}, pure-ASCII names and values as
 * {@link AsciiString}), so that a hit answered ahead of the pipeline copies them into the response in one step and
 * Netty writes them without re-encoding each character; the pipeline reads the same headers through Spring's view.
 *
 * @param correctedInitialAge RFC 9111 4.2.3 corrected_initial_age
 * @param identity the identity representation
 * @param gzip the gzip representation, or null when the response is not compressed
 */
record PreparedAnswers(Duration correctedInitialAge, Representation identity, Representation gzip) {

    static PreparedAnswers of(HttpHeaders stored, byte[] body, byte[] gzipBody, Duration correctedInitialAge) {
        if (gzipBody == null) {
            return new PreparedAnswers(correctedInitialAge, Representation.of(stored, body, false, false), null);
        }
        return new PreparedAnswers(
                correctedInitialAge,
                Representation.of(stored, body, true, false),
                Representation.of(stored, gzipBody, true, true));
    }

    /** The representation for a request: gzip where it is stored and the request's Accept-Encoding admits it. */
    Representation forRequest(HttpHeaders requestHeaders) {
        return gzip != null && Compression.acceptsGzip(requestHeaders) ? gzip : identity;
    }

    /**
     * One representation's headers and body.
     *
     * @param wire the headers in Netty's form, never changed once made (copied into a response, never handed out)
     * @param headers the same headers through Spring's read-only view
     * @param body the body
     */
    record Representation(io.netty.handler.codec.http.HttpHeaders wire, HttpHeaders headers, byte[] body) {

        static Representation of(HttpHeaders stored, byte[] body, boolean compressible, boolean gzip) {
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(stored);
            if (compressible) {
                headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            }
            if (gzip) {
                headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
                String etag = headers.getETag();
                if (etag != null && !etag.startsWith("W/")) {
                    headers.setETag("W/" + etag);
                }
            }
            headers.setContentLength(body.length);
            DefaultHttpHeaders wire = new DefaultHttpHeaders();
            for (Map.Entry<String, List<String>> header : headers.headerSet()) {
                AsciiString name = AsciiString.of(header.getKey());
                for (String value : header.getValue()) {
                    wire.add(name, ascii(value) ? AsciiString.of(value) : value);
                }
            }
            return new Representation(
                    wire, HttpHeaders.readOnlyHttpHeaders(new HttpHeaders(new Netty4HeadersAdapter(wire))), body);
        }

        /**
         * Netty writes an {@link AsciiString} byte for byte and any other value through US-ASCII encoding, which turns
         * a character above 127 into '?': only pure-ASCII values become AsciiStrings, so that both write the same bytes.
         */
        private static boolean ascii(String value) {
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) > 127) {
                    return false;
                }
            }
            return true;
        }
    }
}
