package dev.powerpages.emulator.cli.check;

import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.HttpException;
import dev.powerpages.emulator.cli.http.SiteUrl;
import dev.powerpages.emulator.cli.site.NodesCatchUp;
import dev.powerpages.emulator.cli.site.StoreSite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * check-site against a running stack: the store's import report, then (once every app node serves what the store
 * holds) every published page and web file the first node lists, each fetched through the gateway as an anonymous
 * visitor would, a bounded number at a time.
 */
public final class SiteCheck {

    /** Redirects within the site followed for a page (a language prefix, a site redirect) before judging it. */
    private static final int MAX_REDIRECTS = 5;

    private static final int NOTE_EXAMPLES = 3;
    /** How long the store may take to import an edit saved just before the check (it imports within about a second). */
    private static final Duration EDIT_WAIT = Duration.ofSeconds(15);

    /**
     * @param gateway     where visitors come in
     * @param store       the metadata store
     * @param nodes       the app nodes by region (the first lists the URLs)
     * @param adminKey    the store's admin key
     * @param concurrency fetches at once
     * @param nodesWait   how long the app nodes may take to serve the store's site (and the gateway to know an origin)
     */
    public record Settings(
            String gateway,
            String store,
            Map<String, String> nodes,
            String adminKey,
            int concurrency,
            Duration nodesWait) {}

    private final Http http;
    private final Settings settings;

    public SiteCheck(Http http, Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** @param directory the folder the store must be serving, or null to check whatever it serves */
    public CheckReport run(String directory) {
        long started = System.nanoTime();
        StoreSite store = new StoreSite(http, settings.store(), settings.adminKey());
        StoreSite.Status site = store.status();
        if (directory != null && (site.demo() || !sameFolder(directory, site.directory()))) {
            throw new HttpException(
                    "the store at " + settings.store() + " serves " + (site.demo() ? "the demo site" : site.directory())
                            + ", not " + directory + " (./stack check-site DIR starts it with DIR)");
        }
        if (directory != null) {
            site = FolderEdits.awaitImported(store, site, Path.of(directory), EDIT_WAIT);
        }
        new NodesCatchUp(http, settings.nodes()).await(site.changedAt(), settings.nodesWait());
        new EdgeCatchUp(http, settings.gateway(), Clock.systemUTC()).await(settings.nodesWait());
        SiteListing listing =
                SiteListing.read(http, settings.nodes().values().iterator().next());
        List<CheckResult> results = fetchAll(listing);
        List<CheckResult> pages =
                results.stream().filter(r -> r.kind().equals("page")).toList();
        List<CheckResult> files =
                results.stream().filter(r -> r.kind().equals("webFile")).toList();
        boolean passed = results.stream().allMatch(r -> r.outcome().ok());
        return new CheckReport(
                site.directory(),
                site.layout(),
                site.dataModel(),
                site.rows(),
                site.rowsPerTable().size(),
                listing.website(),
                listing.languages(),
                settings.gateway(),
                CheckReport.Counts.of(pages),
                CheckReport.Counts.of(files),
                results,
                notEmulated(pages),
                notes(site.notes()),
                site.columnsNotInSchema(),
                site.tablesNotInSchema(),
                site.error(),
                passed,
                (System.nanoTime() - started) / 1_000_000);
    }

    private List<CheckResult> fetchAll(SiteListing listing) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), runnable -> {
            Thread thread = new Thread(runnable, "check-site-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            listing.pages().forEach(page -> futures.add(pool.submit(() -> page(page))));
            listing.webFiles().forEach(file -> futures.add(pool.submit(() -> webFile(file))));
            List<CheckResult> results = new ArrayList<>();
            for (Future<CheckResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpException("interrupted while fetching the site");
        } catch (ExecutionException e) {
            throw new HttpException("fetching the site failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckResult page(SiteListing.Entry page) {
        long started = System.nanoTime();
        URI uri = SiteUrl.resolve(settings.gateway(), page.url());
        String redirectedTo = null;
        Http.Response response;
        try {
            response = http.get(uri, Map.of("Accept", "text/html"));
            for (int hops = 0;
                    hops < MAX_REDIRECTS
                            && page.anonymous() == 200
                            && isRedirect(response.status())
                            && !Classifier.isSignInRedirect(response)
                            && response.header("Location") != null;
                    hops++) {
                URI next = uri.resolve(SiteUrl.encode(response.header("Location")));
                if (!java.util.Objects.equals(next.getHost(), uri.getHost()) || next.getPort() != uri.getPort()) {
                    break; // a redirect off the site is judged as it is
                }
                redirectedTo = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
                response = http.get(next, Map.of("Accept", "text/html"));
            }
        } catch (HttpException e) {
            return new CheckResult(
                    page.url(),
                    "page",
                    page.name(),
                    page.language(),
                    page.anonymous(),
                    0,
                    null,
                    Outcome.FAILED,
                    e.getMessage(),
                    List.of(),
                    millisSince(started));
        }
        Verdict verdict = Classifier.page(page.anonymous(), response);
        return new CheckResult(
                page.url(),
                "page",
                page.name(),
                page.language(),
                page.anonymous(),
                response.status(),
                redirectedTo,
                verdict.outcome(),
                verdict.why(),
                verdict.notEmulated(),
                millisSince(started));
    }

    private CheckResult webFile(SiteListing.Entry file) {
        long started = System.nanoTime();
        Http.Response response;
        try {
            response = http.get(SiteUrl.resolve(settings.gateway(), file.url()));
        } catch (HttpException e) {
            return new CheckResult(
                    file.url(),
                    "webFile",
                    null,
                    null,
                    file.anonymous(),
                    0,
                    null,
                    Outcome.FAILED,
                    e.getMessage(),
                    List.of(),
                    millisSince(started));
        }
        Verdict verdict = Classifier.webFile(file.anonymous(), file.contentType(), response);
        return new CheckResult(
                file.url(),
                "webFile",
                null,
                null,
                file.anonymous(),
                response.status(),
                null,
                verdict.outcome(),
                verdict.why(),
                List.of(),
                millisSince(started));
    }

    /** Per feature: the pages naming it and their uses (from the pages' HTML), and the nodes' own counts. */
    private Map<String, CheckReport.FeatureUse> notEmulated(List<CheckResult> pages) {
        Map<String, int[]> fromPages = new TreeMap<>();
        for (CheckResult page : pages) {
            for (String feature : new LinkedHashSet<>(page.notEmulated())) {
                fromPages.computeIfAbsent(feature, f -> new int[2])[0]++;
            }
            page.notEmulated().forEach(feature -> fromPages.get(feature)[1]++);
        }
        Map<String, Long> fromNodes = new TreeMap<>();
        for (String node : settings.nodes().values()) {
            try {
                JsonNode about =
                        http.getJson(SiteUrl.resolve(node, "/_services/about"), Map.of("Accept", "application/json"));
                about.path("notEmulated")
                        .properties()
                        .forEach(entry ->
                                fromNodes.merge(entry.getKey(), entry.getValue().asLong(), Long::sum));
            } catch (HttpException e) {
                // a node that cannot say: the pages' own comments still count
            }
        }
        Map<String, CheckReport.FeatureUse> features = new TreeMap<>();
        fromPages.forEach((feature, counts) -> features.put(
                feature, new CheckReport.FeatureUse(counts[0], counts[1], fromNodes.getOrDefault(feature, 0L))));
        fromNodes.forEach((feature, uses) -> features.putIfAbsent(feature, new CheckReport.FeatureUse(0, 0, uses)));
        return features;
    }

    private static Map<String, CheckReport.NoteSummary> notes(List<StoreSite.Note> notes) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        notes.forEach(
                note -> byKind.computeIfAbsent(note.kind() == null ? "OTHER" : note.kind(), kind -> new ArrayList<>())
                        .add((note.source() == null ? "" : note.source() + ": ")
                                + (note.message() == null ? "" : note.message())));
        Map<String, CheckReport.NoteSummary> summary = new LinkedHashMap<>();
        byKind.forEach((kind, all) -> summary.put(
                kind,
                new CheckReport.NoteSummary(
                        all.size(), List.copyOf(all.subList(0, Math.min(NOTE_EXAMPLES, all.size()))))));
        return summary;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameFolder(String requested, String served) {
        if (served == null) {
            return false;
        }
        try {
            return java.nio.file.Path.of(requested)
                    .toRealPath()
                    .equals(java.nio.file.Path.of(served).toRealPath());
        } catch (java.io.IOException | RuntimeException e) {
            return java.nio.file.Path.of(requested)
                    .toAbsolutePath()
                    .normalize()
                    .equals(java.nio.file.Path.of(served).toAbsolutePath().normalize());
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
