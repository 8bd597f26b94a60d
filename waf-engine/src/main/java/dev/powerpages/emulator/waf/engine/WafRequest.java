package dev.powerpages.emulator.waf.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the WAF inspects of one request, already split into ModSecurity's collections. Names are
 * kept as received; lookups by header name are case-insensitive as in HTTP.
 *
 * @param uri the raw request target (path and query, still percent-encoded)
 * @param path the raw path without the query
 * @param queryArgs query string arguments, decoded
 * @param bodyArgs form fields, JSON leaves ({@code json.a.b}) and multipart text fields, decoded
 * @param body the first bytes of the body as text (up to the inspection limit), or "" if none
 * @param files multipart file names
 */
public record WafRequest(
        String method,
        String uri,
        String path,
        String queryString,
        String protocol,
        List<Map.Entry<String, String>> headers,
        List<Map.Entry<String, String>> cookies,
        List<Map.Entry<String, String>> queryArgs,
        List<Map.Entry<String, String>> bodyArgs,
        String body,
        String bodyContentType,
        List<String> files,
        String clientIp) {

    public List<String> header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .toList();
    }

    public String requestLine() {
        return method + " " + uri + " " + protocol;
    }

    public boolean xmlBody() {
        return bodyContentType != null
                && bodyContentType.toLowerCase(Locale.ROOT).contains("xml");
    }
}
