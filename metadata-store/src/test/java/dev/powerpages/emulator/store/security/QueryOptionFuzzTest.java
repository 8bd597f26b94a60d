package dev.powerpages.emulator.store.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.powerpages.emulator.store.StoreClient;
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
 * makes it longer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class QueryOptionFuzzTest {

    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 600);
    /** Tomcat's default limit for the request line and headers is 8 KB. */
    private static final int MAX_QUERY = 7000;
    private static final Duration PER_REQUEST = Duration.ofSeconds(10);

    /** Valid queries the mutations start from, each touching a different part of the grammar. */
    private static final List<String[]> SEEDS = List.of(
            new String[] { "$filter", "name eq 'Contoso' and revenue gt 1000" },
            new String[] { "$filter", "contains(name,'o') or startswith(accountnumber,'A') and not (numberofemployees lt 5)" },
            new String[] { "$filter", "(revenue ge 10.5 and revenue le 1e6) or name ne null" },
            new String[] { "$filter", "endswith(emailaddress1,'@contoso.com') and statecode eq 0" },
            new String[] { "$select", "name,accountnumber,revenue" },
            new String[] { "$orderby", "name desc,revenue asc" },
            new String[] { "$top", "5" },
            new String[] { "$expand", "primarycontactid($select=fullname)" });

    /** Fragments of the grammar and of classic injection payloads, for the generated inputs. */
    private static final List<String> FRAGMENTS = List.of("name", "revenue", "accountnumber", "eq", "ne", "gt", "lt", "and",
            "or", "not", "(", ")", "'", "''", ",", " ", "null", "true", "0", "-1", "1e309", "99999999999999999999", "contains(",
            "startswith(", "endswith(", "tolower(", "$select=", "/", "@p1", "%", "\\", "\"", ";", "--", "/*", "*/",
            "' OR 1=1 --", "'; DROP TABLE account; --", "\u0000", "\u202e", "é", "😀", "{", "}", "[", "]", "$", "*", "desc",
            "asc", "any(", "all(", "x:x/name", "guid'", "00000000-0000-0000-0000-000000000000", "datetime'2020-01-01'");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + StoreClient.API + "accounts?" + query))
                        .timeout(PER_REQUEST).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            catch (HttpTimeoutException ex) {
                fail("no answer within " + PER_REQUEST + " (seed " + seed + ") to " + query);
                return;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null) {
                findings.add(problem + " for " + query + ": " + abbreviate(response.body()));
            }
        }

        System.out.printf("[fuzz] seed=%d inputs=%d statuses=%s findings=%d%n", seed, INPUTS, statuses, findings.size());
        assertThat(findings).as("seed " + seed).isEmpty();
        assertThat(statuses).as("the inputs reached the parser's error paths").containsKey(400);
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
            if (error == null || !error.path("code").isString() || !error.path("message").isString()
                    || error.path("message").asString().isBlank()) {
                return "HTTP " + status + " without {error:{code,message}}";
            }
            return null;
        }
        catch (RuntimeException ex) {
            return "HTTP " + status + " with a body that is not JSON";
        }
    }

    private static String[] generated(Random random) {
        String[] options = { "$filter", "$select", "$orderby", "$expand", "$top" };
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
        return new String[] { options[random.nextInt(options.length)], value.toString() };
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
        return new String[] { seed[0], value.toString() };
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
