package dev.powerpages.emulator.cli.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A site's URL as the app node lists it ({@code /ja-JP/お問い合わせ/}) made into one the HTTP client accepts: every
 * character outside printable ASCII (and a space, a quote, angle brackets) is written as the percent-encoded bytes of
 * its UTF-8 form, as a browser does; what is already percent-encoded, and the reserved characters that give a URL
 * its structure ({@code / ? & = #}), are left as they are. {@link java.net.URLEncoder} does not fit: it encodes for
 * forms ({@code /} and spaces become {@code %2F} and {@code +}).
 */
public final class SiteUrl {

    private SiteUrl() {}

    public static URI resolve(String base, String path) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + encode(path.startsWith("/") ? path : "/" + path));
    }

    /** The URL (or path) with what a URI may not hold percent-encoded as UTF-8 bytes. */
    public static String encode(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escapedAlready = b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
            if (b > 0x20
                    && b < 0x7f
                    && b != '"'
                    && b != '<'
                    && b != '>'
                    && b != '\\'
                    && b != '^'
                    && b != '`'
                    && b != '{'
                    && b != '|'
                    && b != '}'
                    && (b != '%' || escapedAlready)) {
                out.write(b);
            } else {
                out.writeBytes(String.format("%%%02X", b).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
