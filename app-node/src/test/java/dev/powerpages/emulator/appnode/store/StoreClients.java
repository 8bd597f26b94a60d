package dev.powerpages.emulator.appnode.store;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import org.springframework.web.client.RestClient;

/** The node's own store client, without a token, against a test's HTTP server standing in for the store. */
public final class StoreClients {

    private StoreClients() {}

    public static StoreClient at(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new StoreClient(
                RestClient.builder().build(),
                CircuitBreakerRegistry.ofDefaults(),
                RetryRegistry.of(RetryConfig.custom().maxAttempts(1).build()),
                BulkheadRegistry.ofDefaults(),
                new StoreProperties(
                        base, "contoso", "test", "test", "test", Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }
}
