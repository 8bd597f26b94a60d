package dev.powerpages.emulator.store.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.powerpages.emulator.store.StoreClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input for the OData query options: random and mutated {@code $filter}, {@code $select},
 * {@code $orderby}, {@code $top} and {@code $expand} values never produce a 5xx nor hang, and every
 * 4xx carries Dataverse's error shape {@code {"error":{"code":…,"message":…}}}.
 *
 * <p>A seeded, bounded random loop rather than jqwik: jqwik 1.10 is built on JUnit Platform 1.x
 * ("the last release using JUnit Platform version 1.x", its 1.10.0 release notes) and Spring Boot 4
 * brings JUnit 6. The seed is printed; {@code -Dfuzz.seed=…} replays a run, {@code -Dfuzz.inputs=…}
 * makes it longer. {@link #coverageGuidedQueryOptions} is the coverage-guided (Jazzer) form of the
 * same property.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class QueryOptionFuzzTest {

    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 600);
    /** Tomcat's default limit for the request line and headers is 8 KB. */
    private static final int MAX_QUERY = 7000;

    private static final Duration PER_REQUEST = Duration.ofSeconds(10);

    /** Valid queries the mutations start from, each touching a different part of the grammar. */
    private static final List<String[]> SEEDS = List.of(
            new String[] {"$filter", "name eq 'Contoso' and revenue gt 1000"},
            new String[] {
                "$filter", "contains(name,'o') or startswith(accountnumber,'A') and not (numberofemployees lt 5)"
            },
            new String[] {"$filter", "(revenue ge 10.5 and revenue le 1e6) or name ne null"},
            new String[] {"$filter", "endswith(emailaddress1,'@contoso.com') and statecode eq 0"},
            new String[] {"$select", "name,accountnumber,revenue"},
            new String[] {"$orderby", "name desc,revenue asc"},
            new String[] {"$top", "5"},
            new String[] {"$expand", "primarycontactid($select=fullname)"});

    /** Fragments of the grammar and of classic injection payloads, for the generated inputs. */
    private static final List<String> FRAGMENTS = List.of(
            "name",
            "revenue",
            "accountnumber",
            "eq",
            "ne",
            "gt",
            "lt",
            "and",
            "or",
            "not",
            "(",
            ")",
            "'",
            "''",
            ",",
            " ",
            "null",
            "true",
            "0",
            "-1",
            "1e309",
            "99999999999999999999",
            "contains(",
            "startswith(",
            "endswith(",
            "tolower(",
            "$select=",
            "/",
            "@p1",
            "%",
            "\\",
            "\"",
            ";",
            "--",
            "/*",
            "*/",
            "' OR 1=1 --",
            "'; DROP TABLE account; --",
            "\u0000",
            "\u202e",
            "é",
            "😀",
            "{",
            "}",
            "[",
            "]",
            "$",
            "*",
            "desc",
            "asc",
            "any(",
            "all(",
            "x:x/name",
            "guid'",
            "00000000-0000-0000-0000-000000000000",
            "datetime'2020-01-01'");

    private static final String[] OPTIONS = {"$filter", "$select", "$orderby", "$expand", "$top"};

    @LocalServerPort
    int port;

    /** Fetched once per test instance: the fuzz test calls its method once per input. */
    private String token;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void randomAndMutatedQueryOptionsGetAnAnswerInDataversesErrorShapeNeverA500() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        String token = new StoreClient(port).token();
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        List<String> findings = new ArrayList<>();

        for (int i = 0; i < INPUTS; i++) {
            String[] input = i % 3 == 0 ? generated(random) : mutated(SEEDS.get(random.nextInt(SEEDS.size())), random);
            String query = query(input);
            HttpResponse<String> response = send(query, token);
            if (response == null) {
                fail("no answer within " + PER_REQUEST + " (seed " + seed + ") to " + query);
                return;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null) {
                findings.add(problem + " for " + query + ": " + abbreviate(response.body()));
            }
        }

        System.out.printf(
                "[fuzz] seed=%d inputs=%d statuses=%s findings=%d%n", seed, INPUTS, statuses, findings.size());
        assertThat(findings).as("seed " + seed).isEmpty();
        assertThat(statuses).as("the inputs reached the parser's error paths").containsKey(400);
    }

    /**
     * Coverage-guided form of the same property (Jazzer). Without {@code JAZZER_FUZZ=1} it replays the
     * committed corpus ({@code QueryOptionFuzzTestInputs/coverageGuidedQueryOptions/}) and an empty input;
     * with it, libFuzzer mutates inputs towards new branches of the parser, the SQL translation and the
     * error handling (the app runs in this JVM, so the server threads' coverage counts).
     *
     * <p>Input: the first byte picks the option ({@code f}ilter, {@code s}elect, {@code o}rderby,
     * {@code e}xpand, {@code t}op, any other byte modulo 5), the rest is its value in UTF-8, so that seeds
     * stay readable files.
     */
    @Tag("jazzer") // in a JVM of its own: see the root pom
    @FuzzTest(maxDuration = "3m")
    void coverageGuidedQueryOptions(byte[] data) throws Exception {
        String[] input = decode(data);
        String query = query(input);
        HttpResponse<String> response;
        // Jazzer's SSRF detector reports any connection; this test's only destination is the store under test.
        // Its other detectors (SQL injection into H2 among them) stay on.
        try (SilentCloseable storeOnly =
                BugDetectors.allowNetworkConnections((host, to) -> "localhost".equals(host) && to == port)) {
            if (token == null) {
                token = new StoreClient(port).token();
            }
            response = send(query, token);
        }
        if (response == null) {
            fail("no answer within " + PER_REQUEST + " to " + abbreviate(query));
        }
        String problem = problem(response);
        if (problem != null) {
            fail(problem + " for " + abbreviate(query) + ": " + abbreviate(response.body()));
        }
    }

    static String[] decode(byte[] data) {
        if (data.length == 0) {
            return new String[] {"$filter", ""};
        }
        String option = switch (data[0]) {
            case 'f' -> "$filter";
            case 's' -> "$select";
            case 'o' -> "$orderby";
            case 'e' -> "$expand";
            case 't' -> "$top";
            default -> OPTIONS[(data[0] & 0xff) % OPTIONS.length];
        };
        return new String[] {option, new String(data, 1, data.length - 1, StandardCharsets.UTF_8)};
    }

    /** The answer, or null when none came within {@link #PER_REQUEST} (a hang, for both forms of the test). */
    private HttpResponse<String> send(String query, String bearer) throws IOException, InterruptedException {
        try {
            return http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + StoreClient.API + "accounts?" + query))
                            .timeout(PER_REQUEST)
                            .header("Authorization", "Bearer " + bearer)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException ex) {
            return null;
        }
    }

    /**
     * The encoded option, kept under {@link #MAX_QUERY} so that it reaches the parser: longer URLs are
     * refused by Tomcat before the application sees them (see {@link OversizedRequestTest}).
     */
    private static String query(String[] input) {
        String value = input[1];
        String encoded;
        while ((encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")).length() > MAX_QUERY) {
            value = value.substring(0, value.length() * 3 / 4);
        }
        return input[0] + "=" + encoded;
    }

    /** Null when the answer is acceptable: a 2xx, or a 4xx in Dataverse's error shape. */
    private String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "HTTP " + status;
        }
        if (status < 400) {
            return null;
        }
        try {
            JsonNode error = json.readTree(response.body()).get("error");
            if (error == null
                    || !error.path("code").isString()
                    || !error.path("message").isString()
                    || error.path("message").asString().isBlank()) {
                return "HTTP " + status + " without {error:{code,message}}";
            }
            return null;
        } catch (RuntimeException ex) {
            return "HTTP " + status + " with a body that is not JSON";
        }
    }

    private static String[] generated(Random random) {
        String[] options = OPTIONS;
        StringBuilder value = new StringBuilder();
        int parts = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 12); // now and then a very long one
        for (int i = 0; i < parts; i++) {
            value.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            if (random.nextBoolean()) {
                value.append(' ');
            }
        }
        if (random.nextInt(20) == 0) {
            value.append("(".repeat(1000)).append("name eq 'x'").append(")".repeat(1000)); // deep nesting
        }
        return new String[] {options[random.nextInt(options.length)], value.toString()};
    }

    private static String[] mutated(String[] seed, Random random) {
        StringBuilder value = new StringBuilder(seed[1]);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !value.isEmpty(); m++) {
            int at = random.nextInt(value.length());
            switch (random.nextInt(5)) {
                case 0 -> value.deleteCharAt(at);
                case 1 -> value.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                case 2 -> value.setCharAt(at, (char) (0x20 + random.nextInt(0x5f)));
                case 3 -> value.insert(at, value.substring(at, Math.min(value.length(), at + 1 + random.nextInt(8))));
                default -> value.setLength(at);
            }
        }
        return new String[] {seed[0], value.toString()};
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
