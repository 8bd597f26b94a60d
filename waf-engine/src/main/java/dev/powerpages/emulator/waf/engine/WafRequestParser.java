package dev.powerpages.emulator.waf.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a raw request into what the rules inspect, the way ModSecurity's body processors do:
 * query and URL-encoded form arguments are percent-decoded once, JSON leaves become arguments
 * named by their path ({@code json.order.items.0.name}), multipart text fields become arguments
 * and file parts give their file names; a body without a recognised type is read as a form, as
 * the CRS does (rule 901340). Only the first {@code inspectedBodyBytes} of the body are inspected,
 * as Front Door inspects the first 128 KB.
 */
public final class WafRequestParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int inspectedBodyBytes;

    public WafRequestParser(int inspectedBodyBytes) {
        this.inspectedBodyBytes = inspectedBodyBytes;
    }

    public WafRequest parse(
            String method,
            String rawUri,
            String protocol,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            String clientIp) {
        int question = rawUri.indexOf('?');
        String path = question < 0 ? rawUri : rawUri.substring(0, question);
        String query = question < 0 ? "" : rawUri.substring(question + 1);
        List<Map.Entry<String, String>> cookies = new ArrayList<>();
        String contentType = null;
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase("Cookie")) {
                cookies.addAll(cookies(header.getValue()));
            } else if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue();
            }
        }
        int length = body == null ? 0 : Math.min(body.length, inspectedBodyBytes);
        String text = length == 0 ? "" : new String(body, 0, length, StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> bodyArgs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!text.isEmpty()) {
            if (type.startsWith("multipart/")) {
                multipart(text, boundary(contentType), bodyArgs, files);
            } else if (type.contains("json")) {
                json(text, bodyArgs);
            } else if (!type.contains("xml")) {
                bodyArgs.addAll(formArgs(text));
            }
        }
        return new WafRequest(
                method,
                rawUri,
                path,
                query,
                protocol == null ? "HTTP/1.1" : protocol,
                List.copyOf(headers),
                cookies,
                formArgs(query),
                bodyArgs,
                text,
                contentType,
                files,
                clientIp);
    }

    /** name=value pairs separated by &amp;, each side percent-decoded (a lone name gets ""). */
    public static List<Map.Entry<String, String>> formArgs(String text) {
        List<Map.Entry<String, String>> args = new ArrayList<>();
        if (text.isEmpty()) {
            return args;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            args.add(Map.entry(Transformations.urlDecode(name), Transformations.urlDecode(value)));
        }
        return args;
    }

    static List<Map.Entry<String, String>> cookies(String header) {
        List<Map.Entry<String, String>> cookies = new ArrayList<>();
        for (String part : header.split(";")) {
            String pair = part.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            cookies.add(Map.entry(
                    equals < 0 ? pair : pair.substring(0, equals).strip(),
                    equals < 0 ? "" : pair.substring(equals + 1)));
        }
        return cookies;
    }

    private static void json(String text, List<Map.Entry<String, String>> into) {
        try {
            flatten("json", JSON.readTree(text), into);
        } catch (JacksonException invalid) {
            // Not JSON after all: inspect it as text, as ModSecurity falls back to the raw body.
            into.add(Map.entry("json", text));
        }
    }

    private static void flatten(String name, JsonNode node, List<Map.Entry<String, String>> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(name + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(name + "." + i, node.get(i), into);
            }
        } else if (!node.isNull()) {
            into.add(Map.entry(name, node.asString()));
        }
    }

    private static String boundary(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    private static void multipart(
            String text, String boundary, List<Map.Entry<String, String>> args, List<String> files) {
        if (boundary == null || boundary.isEmpty()) {
            args.add(Map.entry("multipart", text));
            return;
        }
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            int skip = 4;
            if (headerEnd < 0) {
                headerEnd = part.indexOf("\n\n");
                skip = 2;
            }
            if (headerEnd < 0) {
                continue;
            }
            String partHeaders = part.substring(0, headerEnd);
            String content = part.substring(headerEnd + skip);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            String name = dispositionParameter(partHeaders, "name");
            String fileName = dispositionParameter(partHeaders, "filename");
            if (fileName != null) {
                files.add(fileName);
            } else if (name != null) {
                args.add(Map.entry(name, content));
            }
        }
    }

    private static String dispositionParameter(String headers, String parameter) {
        var matcher = java.util.regex.Pattern.compile(
                        "(?i)[;\\s]" + parameter + "=\"([^\"]*)\"|[;\\s]" + parameter + "=([^;\\s]*)")
                .matcher(headers);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }
}
