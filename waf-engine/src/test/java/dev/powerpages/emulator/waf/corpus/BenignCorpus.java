package dev.powerpages.emulator.waf.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benign Power Pages traffic in bench/waf/benign/*.jsonl: one request per line, none an attack. */
public final class BenignCorpus {

    private BenignCorpus() {}

    public static List<ReplayRequest> load(Path directory) {
        JsonMapper json = JsonMapper.builder().build();
        List<ReplayRequest> requests = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                int line = 0;
                for (String text : Files.readAllLines(file)) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    JsonNode node = json.readTree(text);
                    List<Map.Entry<String, String>> headers = new ArrayList<>();
                    for (Map.Entry<String, JsonNode> header :
                            node.path("headers").properties()) {
                        headers.add(Map.entry(header.getKey(), header.getValue().asString()));
                    }
                    byte[] body = node.path("body").asString("").getBytes(StandardCharsets.UTF_8);
                    if (body.length > 0) {
                        // Browsers send Content-Length with every body.
                        headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
                    }
                    requests.add(new ReplayRequest(
                            "benign",
                            file.getFileName() + ":" + line,
                            "benign",
                            false,
                            node.path("method").asString(),
                            node.path("uri").asString(),
                            headers,
                            body));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return requests;
    }
}
