package dev.powerpages.emulator.stacktests.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a service's health figures from its Prometheus endpoint
 * ({@code /actuator/prometheus}, public on every service): heap used; heap used outside the young
 * generation's eden, which is the heap as the last collection left it (new objects are only
 * allocated in eden, and only a collection moves anything into the survivor and old spaces), so it
 * needs no forced {@code System.gc()}; Micrometer's live data size (after the last old-generation
 * collection, 0 until one happened); live threads; and the size of every Caffeine cache registered
 * with Micrometer ({@code cache_size{cache=…}}).
 */
record ServiceMetrics(
        long heapUsedBytes, long heapAfterGcBytes, long liveDataBytes, long liveThreads, Map<String, Long> cacheSizes) {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    static ServiceMetrics scrape(URI prometheus) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(prometheus)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(prometheus + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static ServiceMetrics parse(String exposition) {
        double heap = 0;
        double eden = 0;
        double live = 0;
        double threads = 0;
        Map<String, Long> caches = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.find()) {
                continue;
            }
            Map<String, String> labels = labels(matcher.group(3));
            double value = Double.parseDouble(matcher.group(4));
            switch (matcher.group(1)) {
                case "jvm_memory_used_bytes" -> {
                    if ("heap".equals(labels.get("area"))) {
                        heap += value;
                        // "Eden Space" (Serial, the kit's -XX:+UseSerialGC), "PS Eden Space", "G1 Eden Space"
                        if (labels.getOrDefault("id", "").contains("Eden")) {
                            eden += value;
                        }
                    }
                }
                case "jvm_gc_live_data_size_bytes" -> live = value;
                case "jvm_threads_live_threads" -> threads = value;
                case "cache_size" -> caches.merge(labels.getOrDefault("cache", "?"), (long) value, Long::sum);
                default -> {}
            }
        }
        return new ServiceMetrics((long) heap, (long) (heap - eden), (long) live, (long) threads, caches);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text != null) {
            Matcher matcher = LABEL.matcher(text);
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2));
            }
        }
        return labels;
    }
}
