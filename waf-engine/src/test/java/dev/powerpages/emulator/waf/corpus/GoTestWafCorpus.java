package dev.powerpages.emulator.waf.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * GoTestWAF's test cases expanded as GoTestWAF does: every payload, through every encoder, in
 * every placeholder. The {@code false-pos} set is benign, every other set is attacks. Placeholders
 * follow GoTestWAF's: URLPath (/payload), URLParam (?p=payload), HTMLForm and HTMLMultipartForm
 * bodies, JSONRequest ({"p": payload}), Header (X-… header), UserAgent, XMLBody, SOAPBody,
 * GraphQL (POST {"query": payload}) and RawRequest; gRPC is not HTTP/1 and is counted as skipped.
 */
public final class GoTestWafCorpus {

    private GoTestWafCorpus() {}

    public record Expanded(List<ReplayRequest> requests, int skipped) {}

    @SuppressWarnings("unchecked")
    public static Expanded load(Path testcases) {
        List<ReplayRequest> requests = new ArrayList<>();
        int skipped = 0;
        Yaml yaml = new Yaml(largeDocuments());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testcases)) {
            files = walk.filter(
                            p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (Path file : files) {
            String set = file.getParent().getFileName().toString();
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Map<String, Object> doc;
            try {
                // GoTestWAF's YAML library accepts \' in double-quoted strings; YAML 1.1/1.2 (SnakeYAML) does not.
                doc = yaml.load(Files.readString(file).replace("\\'", "'"));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            boolean attack = !set.equals("false-pos");
            List<Object> payloads = (List<Object>) doc.get("payload");
            List<Object> encoders = (List<Object>) doc.get("encoder");
            List<Object> placeholders = (List<Object>) doc.get("placeholder");
            int n = 0;
            for (Object payload : payloads) {
                for (Object encoder : encoders) {
                    String encoded = encode(String.valueOf(encoder), String.valueOf(payload));
                    for (Object placeholder : placeholders) {
                        ReplayRequest request = withContentLength(
                                place(set + "/" + name, set + "/" + name + "#" + (n++), attack, placeholder, encoded));
                        if (request == null) {
                            skipped++;
                        } else {
                            requests.add(request);
                        }
                    }
                }
            }
        }
        return new Expanded(requests, skipped);
    }

    private static LoaderOptions largeDocuments() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        return options;
    }

    /** Go's HTTP client, which GoTestWAF uses, sends Content-Length with every body. */
    private static ReplayRequest withContentLength(ReplayRequest request) {
        if (request == null || request.body().length == 0) {
            return request;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
        headers.add(Map.entry("Content-Length", Integer.toString(request.body().length)));
        return new ReplayRequest(
                request.corpus(),
                request.id(),
                request.family(),
                request.attack(),
                request.method(),
                request.uri(),
                headers,
                request.body());
    }

    static String encode(String encoder, String payload) {
        return switch (encoder) {
            case "URL" -> URLEncoder.encode(payload, StandardCharsets.UTF_8);
            case "Base64" -> Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            case "Base64Flat" ->
                Base64.getEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            default -> payload;
        };
    }

    @SuppressWarnings("unchecked")
    private static ReplayRequest place(String family, String id, boolean attack, Object placeholder, String payload) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Host", "localhost"),
                Map.entry("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) GoTestWAF"),
                Map.entry("Accept", "*/*")));
        if (placeholder instanceof Map<?, ?> map) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            String kind = String.valueOf(entry.getKey());
            Map<String, Object> options = entry.getValue() instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
            if (kind.equals("RawRequest")) {
                String method = String.valueOf(options.getOrDefault("method", "GET"));
                String path = String.valueOf(options.getOrDefault("path", "/")).replace("{{payload}}", payload);
                Object h = options.get("headers");
                if (h instanceof Map<?, ?> hm) {
                    headers.clear();
                    headers.add(Map.entry("Host", "localhost"));
                    hm.forEach((k, v) -> headers.add(
                            Map.entry(String.valueOf(k), String.valueOf(v).replace("{{payload}}", payload))));
                }
                String body = String.valueOf(options.getOrDefault("body", "")).replace("{{payload}}", payload);
                return new ReplayRequest(
                        "gotestwaf", id, family, attack, method, path, headers, body.getBytes(StandardCharsets.UTF_8));
            }
            if (kind.equals("GraphQL")) {
                return json(family, id, attack, headers, "{\"query\": " + jsonString(payload) + "}", "/graphql");
            }
            return null;
        }
        return switch (String.valueOf(placeholder)) {
            case "URLPath" ->
                new ReplayRequest("gotestwaf", id, family, attack, "GET", "/" + payload, headers, new byte[0]);
            case "URLParam" ->
                new ReplayRequest("gotestwaf", id, family, attack, "GET", "/?q=" + payload, headers, new byte[0]);
            case "Header" -> {
                headers.add(Map.entry("X-Payload", payload));
                yield new ReplayRequest("gotestwaf", id, family, attack, "GET", "/", headers, new byte[0]);
            }
            case "UserAgent" -> {
                headers.set(1, Map.entry("User-Agent", payload));
                yield new ReplayRequest("gotestwaf", id, family, attack, "GET", "/", headers, new byte[0]);
            }
            case "HTMLForm" -> {
                headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
                yield new ReplayRequest(
                        "gotestwaf",
                        id,
                        family,
                        attack,
                        "POST",
                        "/",
                        headers,
                        ("q=" + payload).getBytes(StandardCharsets.UTF_8));
            }
            case "HTMLMultipartForm" -> {
                headers.add(Map.entry("Content-Type", "multipart/form-data; boundary=gotestwafboundary"));
                String body = "--gotestwafboundary\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n" + payload
                        + "\r\n--gotestwafboundary--\r\n";
                yield new ReplayRequest(
                        "gotestwaf", id, family, attack, "POST", "/", headers, body.getBytes(StandardCharsets.UTF_8));
            }
            case "JSONRequest", "JSONBody" ->
                json(family, id, attack, headers, "{\"q\": " + jsonString(payload) + "}", "/");
            case "XMLBody" -> {
                headers.add(Map.entry("Content-Type", "text/xml"));
                yield new ReplayRequest(
                        "gotestwaf",
                        id,
                        family,
                        attack,
                        "POST",
                        "/",
                        headers,
                        payload.getBytes(StandardCharsets.UTF_8));
            }
            case "SOAPBody" -> {
                headers.add(Map.entry("Content-Type", "text/xml"));
                headers.add(Map.entry("SOAPAction", "\"urn:query\""));
                String body =
                        "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><q>"
                                + payload + "</q></soap:Body></soap:Envelope>";
                yield new ReplayRequest(
                        "gotestwaf", id, family, attack, "POST", "/", headers, body.getBytes(StandardCharsets.UTF_8));
            }
            default -> null;
        };
    }

    private static ReplayRequest json(
            String family,
            String id,
            boolean attack,
            List<Map.Entry<String, String>> headers,
            String body,
            String path) {
        headers.add(Map.entry("Content-Type", "application/json"));
        return new ReplayRequest(
                "gotestwaf", id, family, attack, "POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
