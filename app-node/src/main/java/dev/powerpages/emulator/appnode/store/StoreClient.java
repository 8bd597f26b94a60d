package dev.powerpages.emulator.appnode.store;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Calls the store's Dataverse Web API ({@code /api/data/v9.2/…}). Every call goes through Resilience4j: a bulkhead
 * (a slow store cannot take every request thread), a circuit breaker (an outage costs a few fast failures instead
 * of a pile of hanging threads) and, for reads only (they are idempotent), a retry with exponential backoff. The
 * per-attempt timeout is the HTTP client's connect/read timeout ({@code store.connect-timeout},
 * {@code store.read-timeout}).
 *
 * <p>Follows Dataverse's server-driven paging ({@code @odata.nextLink}) and change tracking
 * ({@code Prefer: odata.track-changes} → {@code @odata.deltaLink}; a GET of that link answers changed rows and
 * {@code $deletedEntity} rows). Links are followed as opaque URLs, re-rooted on {@code store.url} because the
 * store writes them with its public URL.
 */
@Component
public class StoreClient {

    static final String RESILIENCE_NAME = "metadataStore";
    private static final String WEB_API = "/api/data/v9.2/";
    private static final int MAX_PAGES = 1000;

    private final RestClient storeRestClient;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final String baseUrl;
    /** False for {@link #bypassingCircuitBreaker()}'s copy: its calls neither wait on the breaker nor count in it. */
    private final boolean breakerGuards;

    @Autowired
    StoreClient(
            RestClient storeRestClient,
            CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries,
            BulkheadRegistry bulkheads,
            StoreProperties properties) {
        this.storeRestClient = storeRestClient;
        this.circuitBreaker = circuitBreakers.circuitBreaker(RESILIENCE_NAME);
        this.retry = retries.retry(RESILIENCE_NAME);
        this.bulkhead = bulkheads.bulkhead(RESILIENCE_NAME);
        this.baseUrl = properties.url();
        this.breakerGuards = true;
    }

    private StoreClient(StoreClient guarded) {
        this.storeRestClient = guarded.storeRestClient;
        this.circuitBreaker = guarded.circuitBreaker;
        this.retry = guarded.retry;
        this.bulkhead = guarded.bulkhead;
        this.baseUrl = guarded.baseUrl;
        this.breakerGuards = false;
    }

    /**
     * The same client (same HTTP client and token, retry and bulkhead) without the circuit breaker: for the node's
     * first site load only, on the scheduler's thread. Until that load succeeds the node serves no page, so no
     * visitor is shielded by failing fast; while the whole stack starts, the store is often still starting, and the
     * load's refused calls would open the breaker and make the first load wait out its open state (10 s) after the
     * store is up. The first load is retried every {@code site.change-poll-interval} instead (each time with the
     * read retry's short backoff); visitors' calls and every later refresh go through the breaker as before.
     */
    public StoreClient bypassingCircuitBreaker() {
        return breakerGuards ? new StoreClient(this) : this;
    }

    public CircuitBreaker.State circuitBreakerState() {
        return circuitBreaker.getState();
    }

    /**
     * Every row of a collection (all pages).
     *
     * @param select comma-separated columns ({@code $select})
     * @param filter an OData {@code $filter} expression, or {@code null}
     */
    public List<StoreRow> list(String entitySet, String select, String filter) {
        return read(entitySet, () -> pages(uri -> query(uri.path(WEB_API + entitySet), select, filter), false))
                .rows();
    }

    /**
     * Every row of a collection with change tracking requested; empty when the store has no such collection
     * (a table an older store does not have).
     */
    public Optional<Tracked> track(String entitySet, String select) {
        try {
            return Optional.of(read(
                    entitySet, () -> pages(uri -> query(uri.path(WEB_API + entitySet), select, null), true)));
        } catch (HttpClientErrorException.NotFound ex) {
            return Optional.empty();
        }
    }

    /** What changed since a delta link was issued: changed or created rows, deleted ids, and the next delta link. */
    public Changes changes(String entitySet, String deltaLink) {
        Tracked page = read(entitySet, () -> pages(uri -> reroot(deltaLink), false));
        List<StoreRow> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (StoreRow row : page.rows()) {
            String context = row.text("@odata.context");
            if (context != null && context.endsWith("/$deletedEntity")) {
                deleted.add(row.text("id"));
            } else {
                changed.add(row);
            }
        }
        return new Changes(changed, deleted, page.deltaLink());
    }

    /**
     * A read on behalf of a site visitor ({@code /_api}): the options are passed on as they are; the store's own
     * 4xx answers come back as {@link HttpClientErrorException}.
     *
     * @param options already encoded query string ({@code $select=…&$filter=…}), or {@code null}
     */
    public JsonNode query(String resource, String options) {
        return query(resource, options, null);
    }

    /**
     * The same read with a {@code Prefer} header for the store, such as {@code odata.include-annotations="*"} (the
     * visitor's, passed on by {@code /_api}; the FetchXML engine's, for lookups' names).
     *
     * @param prefer the header's value, or {@code null} for none
     */
    public JsonNode query(String resource, String options, String prefer) {
        URI uri =
                URI.create(baseUrl + WEB_API + resource + (options == null || options.isEmpty() ? "" : "?" + options));
        return read(resource, () -> get(uri, prefer));
    }

    /**
     * The raw bytes of a resource, such as a file column's {@code $value}
     * ({@code powerpagecomponents(<id>)/filecontent/$value}); empty when the store answers 204 (no file).
     */
    public byte[] bytes(String resource) {
        URI uri = URI.create(baseUrl + WEB_API + resource);
        return read(resource, () -> {
            byte[] body = storeRestClient.get().uri(uri).retrieve().body(byte[].class);
            return body == null ? new byte[0] : body;
        });
    }

    /** Creates a row ({@code POST}); not retried, since a create is not idempotent. Answers the new row's URL. */
    public Optional<String> create(String entitySet, JsonNode fields) {
        Supplier<Optional<String>> call = () -> Optional.ofNullable(storeRestClient
                .post()
                .uri(URI.create(baseUrl + WEB_API + entitySet))
                .contentType(MediaType.APPLICATION_JSON)
                .header("Accept", "application/json")
                .header("OData-Version", "4.0")
                .header("OData-MaxVersion", "4.0")
                .body(fields)
                .retrieve()
                .toBodilessEntity()
                .getHeaders()
                .getFirst("OData-EntityId"));
        return guarded(entitySet, Bulkhead.decorateSupplier(bulkhead, breaker(call)));
    }

    /**
     * Updates a row ({@code PATCH}; Dataverse's upsert creates a missing row unless {@code If-Match: *} says it must
     * exist). Not retried.
     *
     * @param resource {@code accounts(<id>)}
     * @param mustExist send {@code If-Match: *}, so that a missing row is a 404 rather than a create
     */
    public void update(String resource, JsonNode fields, boolean mustExist) {
        Supplier<Object> call = () -> {
            RestClient.RequestBodySpec request = storeRestClient
                    .patch()
                    .uri(URI.create(baseUrl + WEB_API + resource))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Accept", "application/json")
                    .header("OData-Version", "4.0")
                    .header("OData-MaxVersion", "4.0");
            if (mustExist) {
                request.header("If-Match", "*");
            }
            request.body(fields).retrieve().toBodilessEntity();
            return null;
        };
        guarded(resource, Bulkhead.decorateSupplier(bulkhead, breaker(call)));
    }

    /** Deletes a row ({@code DELETE accounts(<id>)}). Not retried: a second try would answer 404 for a row it deleted. */
    public void delete(String resource) {
        Supplier<Object> call = () -> {
            storeRestClient
                    .delete()
                    .uri(URI.create(baseUrl + WEB_API + resource))
                    .header("Accept", "application/json")
                    .header("OData-Version", "4.0")
                    .header("OData-MaxVersion", "4.0")
                    .retrieve()
                    .toBodilessEntity();
            return null;
        };
        guarded(resource, Bulkhead.decorateSupplier(bulkhead, breaker(call)));
    }

    /** The store's CSDL ({@code $metadata}): entity sets, keys, lookups and navigation properties. */
    public String metadataDocument() {
        URI uri = URI.create(baseUrl + WEB_API + "$metadata");
        return read(
                "$metadata",
                () -> storeRestClient
                        .get()
                        .uri(uri)
                        .header("Accept", "application/xml")
                        .retrieve()
                        .body(String.class));
    }

    private <T> T read(String what, Supplier<T> call) {
        return guarded(what, Retry.decorateSupplier(retry, Bulkhead.decorateSupplier(bulkhead, breaker(call))));
    }

    private <T> Supplier<T> breaker(Supplier<T> call) {
        return breakerGuards ? CircuitBreaker.decorateSupplier(circuitBreaker, call) : call;
    }

    private <T> T guarded(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (CallNotPermittedException ex) {
            throw new StoreUnavailableException("Metadata store circuit breaker is open", ex);
        } catch (BulkheadFullException ex) {
            throw new StoreUnavailableException("Too many concurrent calls to the metadata store (bulkhead full)", ex);
        } catch (HttpClientErrorException ex) {
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new StoreUnavailableException("The metadata store rejected the node's token", ex);
            }
            throw ex; // an answer (400, 403, 404), not an outage: the caller decides
        } catch (RuntimeException ex) {
            // RestClientException, or OAuth2AuthorizationException when no token could be obtained.
            throw new StoreUnavailableException(
                    "Calling " + what + " on the metadata store failed: " + describe(ex), ex);
        }
    }

    /** Reads the first page and follows {@code @odata.nextLink}; the delta link comes on the last page. */
    private Tracked pages(java.util.function.Function<UriBuilder, URI> first, boolean trackChanges) {
        List<StoreRow> rows = new ArrayList<>();
        URI next = first.apply(org.springframework.web.util.UriComponentsBuilder.fromUriString(baseUrl));
        String deltaLink = null;
        JsonNode body = null;
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new IllegalStateException("More than " + MAX_PAGES + " pages; the nextLinks loop");
            }
            body = get(next, trackChanges ? "odata.track-changes" : null);
            if (body == null) {
                break;
            }
            body.path("value").forEach(row -> rows.add(new StoreRow(row)));
            JsonNode nextLink = body.get("@odata.nextLink");
            next = nextLink == null || nextLink.isNull() ? null : reroot(nextLink.asString());
            JsonNode delta = body.get("@odata.deltaLink");
            if (delta != null && !delta.isNull()) {
                deltaLink = delta.asString();
            }
        }
        return new Tracked(rows, deltaLink, body);
    }

    /** The store names links by its public URL; the node may reach it under another name (compose, tests). */
    private URI reroot(String link) {
        URI uri = URI.create(link);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return URI.create(baseUrl + pathAndQuery);
    }

    /** The innermost cause says what happened (connection refused, timeout, 503); JDK exceptions often lack a message. */
    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == ex ? rootText : ex.getMessage() + " (" + rootText + ")";
    }

    private JsonNode get(URI uri, String prefer) {
        RestClient.RequestHeadersSpec<?> request = storeRestClient
                .get()
                .uri(uri)
                .header("Accept", "application/json")
                .header("OData-Version", "4.0")
                .header("OData-MaxVersion", "4.0");
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return request.retrieve().body(JsonNode.class);
    }

    private static URI query(UriBuilder uri, String select, String filter) {
        // Values go in as template variables so they are fully encoded (spaces, quotes) exactly once. Without a
        // $select the store answers every column.
        List<Object> values = new ArrayList<>();
        if (select != null) {
            uri.queryParam("$select", "{select}");
            values.add(select);
        }
        if (filter != null) {
            uri.queryParam("$filter", "{filter}");
            values.add(filter);
        }
        return uri.build(values.toArray());
    }

    /** Rows of a collection and, when the store tracks changes, the link to ask what changed since. */
    public record Tracked(List<StoreRow> rows, String deltaLink, JsonNode body) {}

    public record Changes(List<StoreRow> changed, List<String> deletedIds, String deltaLink) {

        public boolean any() {
            return !changed.isEmpty() || !deletedIds.isEmpty();
        }
    }
}
