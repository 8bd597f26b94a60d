package dev.powerpages.emulator.stacktests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.testkit.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Nothing lost": a Jepsen-style fault schedule against the metadata store, file-backed as
 * {@code ./stack} runs it. Concurrent writers create accounts (POST) and upsert accounts by their
 * alternate key (PATCH {@code accounts(accountnumber='…')}); the store is killed with SIGKILL at a
 * random moment in each round and restarted. Every write the store acknowledged must be there
 * afterwards, and no account number may appear twice, even though the writers re-send every
 * upsert whose outcome they never learnt (as a client retries after a dropped connection).
 *
 * <p>It starts the store jar itself rather than through {@code @PowerPagesStackTest}: the kit runs
 * the store in memory ({@code store.in-memory=true}, not overridable per service), and an in-memory store
 * restarts from its seed, which would make the property meaningless.
 */
@Tag("slow") // minutes of load or a whole lab course: the failsafe group -DskipSlow leaves out (README, "Tests")
class StoreDurabilityIT {

    private static final int ROUNDS = Integer.getInteger("reliability.durability.rounds", 3);
    private static final int WRITERS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final String CLIENT_ID = "powerpages-site";
    private static final String CLIENT_SECRET = "emulator-secret";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();

    @TempDir
    Path dataDir;

    private int port;
    private Path log;
    private Process store;

    @BeforeEach
    void startStore() throws IOException {
        port = FreePorts.tcp();
        log = Path.of("target", "reliability-logs", "metadata-store-durability.log");
        Files.createDirectories(log.getParent());
        start();
    }

    @AfterEach
    void stopStore() throws InterruptedException {
        if (store != null && store.isAlive()) {
            store.destroy();
            if (!store.waitFor(20, TimeUnit.SECONDS)) {
                store.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNineUnderConcurrentWriters() throws Exception {
        Random random = new Random(Long.getLong("reliability.seed", System.nanoTime()));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unknownUpserts = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        int faults = 0;
        int retried = 0;

        for (int round = 0; round < ROUNDS; round++) {
            String token = token();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                running.add(writers.submit(() -> {
                    while (writing.get()) {
                        int n = sequence.incrementAndGet();
                        boolean upsert = n % 2 == 0;
                        String number = "DUR-" + run + "-" + n;
                        sent.incrementAndGet();
                        Outcome outcome =
                                upsert ? upsert(token, number, "Upserted " + n) : create(token, number, "Created " + n);
                        if (outcome == Outcome.ACKNOWLEDGED) {
                            acknowledged.add(number);
                        } else if (outcome == Outcome.UNKNOWN && upsert) {
                            unknownUpserts.add(number);
                        } else if (outcome == Outcome.UNKNOWN || !store.isAlive()) {
                            pause(50); // the store is down: do not spin
                        }
                    }
                    return null;
                }));
            }
            // Kill at a random moment between 0.5 s and 3 s into the round.
            pause(500 + random.nextInt(2500));
            store.destroyForcibly().waitFor(); // Process.destroyForcibly is SIGKILL on Unix
            faults++;
            pause(300); // let the writers see the dead port
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get(30, TimeUnit.SECONDS);
            }
            writers.shutdown();
            start();

            // Retry every upsert whose answer was lost; an upsert is idempotent by its alternate key.
            String fresh = token();
            for (String number : List.copyOf(unknownUpserts)) {
                sent.incrementAndGet();
                retried++;
                if (upsert(fresh, number, "Retried") == Outcome.ACKNOWLEDGED) {
                    acknowledged.add(number);
                    unknownUpserts.remove(number);
                }
            }
        }

        Map<String, Integer> found = accountNumbers(token());
        List<String> missing = acknowledged.stream()
                .filter(number -> !found.containsKey(number))
                .sorted()
                .toList();
        List<String> duplicated = found.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        System.out.printf(
                "[durability] faults injected=%d, writes sent=%d (upsert retries %d), acknowledged=%d, found=%d,"
                        + " missing=%d, duplicated=%d%n",
                faults, sent.get(), retried, acknowledged.size(), found.size(), missing.size(), duplicated.size());

        assertThat(faults).isEqualTo(ROUNDS);
        assertThat(acknowledged).as("the writers got acknowledgements at all").isNotEmpty();
        assertThat(missing)
                .as("acknowledged writes missing after kill -9 and restart")
                .isEmpty();
        assertThat(duplicated).as("account numbers present more than once").isEmpty();
    }

    @Test
    void writesInFlightWhenTheStoreIsStoppedAreAnsweredAndKept() throws Exception {
        String token = token();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            running.add(writers.submit(() -> {
                while (writing.get() && store.isAlive()) {
                    int n = sequence.incrementAndGet();
                    String number = "DUR-" + run + "-" + n;
                    if (create(token, number, "Created " + n) == Outcome.ACKNOWLEDGED) {
                        acknowledged.add(number);
                    }
                }
                return null;
            }));
        }
        pause(1500);
        // SIGTERM, as ./stack down and docker stop end the store: a graceful stop, with writes in flight.
        store.destroy();
        assertThat(store.waitFor(60, TimeUnit.SECONDS)).as("the store stopped").isTrue();
        writing.set(false);
        for (Future<?> writer : running) {
            writer.get(30, TimeUnit.SECONDS);
        }
        writers.shutdown();
        start();

        Map<String, Integer> found = accountNumbers(token());
        System.out.printf(
                "[durability] graceful stop: writes sent=%d, acknowledged=%d, found=%d, server errors=%d%n",
                sequence.get(), acknowledged.size(), found.size(), serverErrors.size());
        assertThat(acknowledged).as("the writers got acknowledgements at all").isNotEmpty();
        // A write taken before the stop is finished and answered: the database closes after the web server has
        // stopped, not beside it (H2 closes a database in its own shutdown hook unless told not to).
        assertThat(serverErrors).as("answers 5xx while the store stopped").isEmpty();
        assertThat(acknowledged.stream().filter(number -> !found.containsKey(number)))
                .as("acknowledged writes missing after the stop")
                .isEmpty();
    }

    private enum Outcome {
        ACKNOWLEDGED,
        REJECTED,
        UNKNOWN
    }

    private Outcome create(String token, String number, String name) {
        return write("POST", "accounts", token, number, name);
    }

    private Outcome upsert(String token, String number, String name) {
        return write("PATCH", "accounts(accountnumber='" + number + "')", token, number, name);
    }

    private Outcome write(String method, String path, String token, String number, String name) {
        String body = "{\"name\":\"" + name + "\",\"accountnumber\":\"" + number + "\"}";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(api(path))
                            .timeout(REQUEST_TIMEOUT)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 500) {
                serverErrors.add(method + " " + status + " " + response.body());
            }
            return status == 204 || status == 201 ? Outcome.ACKNOWLEDGED : Outcome.REJECTED;
        } catch (IOException ex) {
            return Outcome.UNKNOWN; // connection refused or reset: the write may or may not have happened
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Outcome.UNKNOWN;
        }
    }

    /** Every DUR- account number of this run with how many rows carry it, following @odata.nextLink. */
    private Map<String, Integer> accountNumbers(String token) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        URI next = api("accounts?$select=accountnumber&$filter="
                + URLEncoder.encode("startswith(accountnumber,'DUR-" + run + "-')", StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        while (next != null) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(next)
                            .timeout(REQUEST_TIMEOUT)
                            .header("Authorization", "Bearer " + token)
                            .header("Prefer", "odata.maxpagesize=5000")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = json.readTree(response.body());
            for (JsonNode row : page.get("value")) {
                counts.merge(row.get("accountnumber").asString(), 1, Integer::sum);
            }
            JsonNode link = page.get("@odata.nextLink");
            // The store writes links with its public URL; keep the part after the service root.
            next = link == null
                    ? null
                    : api(link.asString().substring(link.asString().indexOf("/api/data/v9.2/") + 15));
        }
        return counts;
    }

    private String token() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&scope=" + URLEncoder.encode(publicUrl() + "/.default", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(publicUrl() + "/contoso/oauth2/v2.0/token"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    private void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        storeJar().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("STORE_IN_MEMORY", "false");
        builder.environment().put("STORE_DATA_DIR", dataDir.toString());
        // the store's TLS material beside its data, not in the module's folder (its default is data/tls)
        builder.environment().put("STACK_TLS_DIRECTORY", dataDir.resolve("tls").toString());
        builder.environment().put("STORE_PUBLIC_URL", publicUrl());
        store = builder.start();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!store.isAlive()) {
                throw new IllegalStateException(
                        "the store exited with " + store.exitValue() + ", see " + log.toAbsolutePath());
            }
            if (healthy()) {
                return;
            }
            pause(250);
        }
        throw new IllegalStateException(
                "the store did not become healthy within " + STARTUP_TIMEOUT + ", see " + log.toAbsolutePath());
    }

    private boolean healthy() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(publicUrl() + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The packaged store: -Dpowerpages.stack.jar.metadata-store (the kit's property), else the jar
     * Maven put on the classpath through stack-testkit, else ../metadata-store/target.
     */
    private static Path storeJar() throws IOException {
        String explicit = System.getProperty("powerpages.stack.jar.metadata-store");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.matches("metadata-store-\\d.*\\.jar") && Files.isRegularFile(path)) {
                return path;
            }
        }
        try (Stream<Path> files = Files.list(Path.of("..", "metadata-store", "target"))) {
            return files.filter(p -> p.getFileName().toString().matches("metadata-store-\\d.*(?<!-plain)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no metadata-store jar: run ./mvnw package"));
        }
    }

    private URI api(String pathAndQuery) {
        return URI.create(publicUrl() + "/api/data/v9.2/"
                + pathAndQuery.replace(" ", "%20").replace("'", "%27"));
    }

    private String publicUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
