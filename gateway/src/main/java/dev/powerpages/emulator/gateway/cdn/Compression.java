package dev.powerpages.emulator.gateway.cdn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Front Door's on-the-fly compression of cached content: compressible media types between a
 * minimum and maximum size, when the origin has not encoded the body and has not said
 * {@code no-transform}. Only gzip: brotli needs a native library (brotli4j) that is not served
 * here, and the JDK has no brotli encoder.
 */
final class Compression {

    private final CdnProperties.Compression properties;

    Compression(CdnProperties.Compression properties) {
        this.properties = properties;
    }

    /** The gzip body for a response about to be stored, or null if it stays uncompressed. */
    byte[] gzipFor(HttpHeaders headers, byte[] body, CacheDirectives directives) {
        if (!properties.enabled()
                || directives.has("no-transform")
                || headers.containsHeader(HttpHeaders.CONTENT_ENCODING)
                || body.length < properties.minSize().toBytes()
                || body.length > properties.maxSize().toBytes()
                || !compressible(headers.getContentType())) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] compressed = out.toByteArray();
        return compressed.length < body.length ? compressed : null;
    }

    private boolean compressible(MediaType type) {
        if (type == null) {
            return false;
        }
        String name = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        for (String candidate : properties.mimeTypes()) {
            String pattern = candidate.toLowerCase(Locale.ROOT);
            if (pattern.endsWith("/*")
                    ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request's Accept-Encoding admits gzip (RFC 9110 12.5.3, q=0 refuses). */
    static boolean acceptsGzip(HttpHeaders requestHeaders) {
        boolean starAccepted = false;
        for (String value : requestHeaders.getValuesAsList(HttpHeaders.ACCEPT_ENCODING)) {
            String[] parts = value.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(parameter.substring(2)) <= 0;
                    } catch (NumberFormatException ex) {
                        refused = true;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return !refused;
            }
            if (coding.equals("*")) {
                starAccepted = !refused;
            }
        }
        return starAccepted;
    }
}
