package dev.powerpages.emulator.waf.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OWASP CRS regression tests (go-ftw YAML), classified honestly: a test "expects" a rule to
 * fire, not a block, so a test counts as an attack that must be blocked only when one of the rules
 * it expects is a paranoia-level-1 rule of critical severity (a score of 5 reaches the default
 * threshold alone); tests expecting only weaker or higher-paranoia rules are left out, and tests
 * that only list rules that must not fire are benign lookalikes that must pass. The rule levels
 * come from bench/waf/crs-rule-levels.tsv, taken from the CRS rule files.
 */
public final class CrsRegressionCorpus {

    private CrsRegressionCorpus() {}

    public record Classified(List<ReplayRequest> requests, int skippedNotPl1Critical, int skippedRawOrMultiStage) {}

    public static Map<String, String> ruleLevels(Path tsv) throws IOException {
        Map<String, String> levels = new HashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t");
            levels.put(parts[0], parts[1] + "/" + parts[2]);
        }
        return levels;
    }

    @SuppressWarnings("unchecked")
    public static Classified load(Path testsRoot, Map<String, String> ruleLevels) {
        List<ReplayRequest> requests = new ArrayList<>();
        int notPl1 = 0;
        int raw = 0;
        Yaml yaml = new Yaml(new LoaderOptions());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testsRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (Path file : files) {
            String family = file.getFileName().toString().substring(0, 3);
            Map<String, Object> doc;
            try {
                doc = yaml.load(Files.readString(file));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            List<Map<String, Object>> tests = doc == null ? null : (List<Map<String, Object>>) doc.get("tests");
            if (tests == null) {
                continue;
            }
            for (Map<String, Object> test : tests) {
                List<Map<String, Object>> stages = (List<Map<String, Object>>) test.get("stages");
                if (stages == null || stages.size() != 1) {
                    raw++;
                    continue;
                }
                Map<String, Object> stage = stages.get(0);
                Map<String, Object> input = (Map<String, Object>) stage.get("input");
                Map<String, Object> output = (Map<String, Object>) stage.get("output");
                if (input == null
                        || output == null
                        || input.containsKey("encoded_request")
                        || input.containsKey("raw_request")) {
                    raw++;
                    continue;
                }
                Map<String, Object> log = (Map<String, Object>) output.get("log");
                List<Object> expected = log == null ? null : (List<Object>) log.get("expect_ids");
                List<Object> notExpected = log == null ? null : (List<Object>) log.get("no_expect_ids");
                boolean attack;
                if (expected != null && !expected.isEmpty()) {
                    attack = expected.stream().anyMatch(id -> "1/CRITICAL".equals(ruleLevels.get(String.valueOf(id))));
                    if (!attack) {
                        notPl1++;
                        continue;
                    }
                } else if (notExpected != null && !notExpected.isEmpty()) {
                    attack = false;
                } else {
                    notPl1++;
                    continue;
                }
                String id = doc.get("rule_id") + "-" + test.get("test_id");
                requests.add(request(id, family, attack, input));
            }
        }
        return new Classified(requests, notPl1, raw);
    }

    @SuppressWarnings("unchecked")
    private static ReplayRequest request(String id, String family, boolean attack, Map<String, Object> input) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Object headerValue = input.get("headers");
        if (headerValue instanceof Map<?, ?> map) {
            map.forEach((k, v) -> headers.add(Map.entry(String.valueOf(k), v == null ? "" : String.valueOf(v))));
        } else if (headerValue instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> h = (Map<String, Object>) item;
                headers.add(Map.entry(String.valueOf(h.get("name")), String.valueOf(h.get("value"))));
            }
        }
        Object data = input.get("data");
        byte[] body = data == null ? new byte[0] : String.valueOf(data).getBytes(StandardCharsets.UTF_8);
        String method = String.valueOf(input.getOrDefault("method", "GET"));
        String uri = String.valueOf(input.getOrDefault("uri", "/"));
        Map<String, String> lower = new HashMap<>();
        headers.forEach(h -> lower.put(h.getKey().toLowerCase(), h.getValue()));
        if (body.length > 0 && !lower.containsKey("content-length")) {
            // go-ftw completes Content-Length, as any client does.
            headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
        }
        return new ReplayRequest("crs", id, family, attack, method, uri, headers, body);
    }
}
