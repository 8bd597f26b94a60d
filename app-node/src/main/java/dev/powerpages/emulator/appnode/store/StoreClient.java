package dev.powerpages.emulator.appnode.store;

import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * Reads collections from the store's Dataverse Web API ({@code GET /api/data/v9.2/{entitySet}?$select=…&$filter=…}).
 * Every call goes through Resilience4j: a retry with exponential backoff (reads are idempotent) around a circuit
 * breaker, so a store outage costs a few fast failures instead of a pile of hanging threads. The per-attempt
 * timeout is the HTTP client's connect/read timeout ({@code store.connect-timeout}, {@code store.read-timeout}).
 */
@Component
public class StoreClient {

    static final String RESILIENCE_NAME = "metadataStore";
    private static final String WEB_API = "/api/data/v9.2/";

    private final RestClient storeRestClient;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    StoreClient(RestClient storeRestClient, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.storeRestClient = storeRestClient;
        this.circuitBreaker = circuitBreakers.circuitBreaker(RESILIENCE_NAME);
        this.retry = retries.retry(RESILIENCE_NAME);
    }

    /**
     * @param select comma-separated columns ({@code $select})
     * @param filter an OData {@code $filter} expression, or {@code null}
     */
    public List<StoreRow> list(String entitySet, String select, String filter) {
        try {
            JsonNode body = Retry.decorateSupplier(retry,
                    CircuitBreaker.decorateSupplier(circuitBreaker, () -> get(entitySet, select, filter))).get();
            List<StoreRow> rows = new ArrayList<>();
            if (body != null) {
                body.path("value").forEach(row -> rows.add(new StoreRow(row)));
            }
            return rows;
        }
        catch (CallNotPermittedException ex) {
            throw new StoreUnavailableException("Metadata store circuit breaker is open", ex);
        }
        catch (RuntimeException ex) {
            // RestClientException, or OAuth2AuthorizationException when no token could be obtained.
            throw new StoreUnavailableException("Reading " + entitySet + " from the metadata store failed: " + describe(ex), ex);
        }
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

    private JsonNode get(String entitySet, String select, String filter) {
        return storeRestClient.get()
                .uri(uri -> query(uri.path(WEB_API + entitySet), select, filter))
                .header("Accept", "application/json")
                .header("OData-Version", "4.0")
                .header("OData-MaxVersion", "4.0")
                .retrieve()
                .body(JsonNode.class);
    }

    private static java.net.URI query(UriBuilder uri, String select, String filter) {
        // Values go in as template variables so they are fully encoded (spaces, quotes) exactly once.
        uri.queryParam("$select", "{select}");
        if (filter == null) {
            return uri.build(select);
        }
        uri.queryParam("$filter", "{filter}");
        return uri.build(select, filter);
    }
}
