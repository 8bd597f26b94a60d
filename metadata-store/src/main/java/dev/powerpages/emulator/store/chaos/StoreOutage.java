package dev.powerpages.emulator.store.chaos;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Whether the store is in an injected outage, and since when. While it is, the Web API and the token endpoint
 * answer 503 ({@link OutageFilter}) and the store's health says OUT_OF_SERVICE ({@link OutageHealthIndicator}),
 * as a Dataverse environment that is down: the app nodes must keep serving from their caches.
 */
@Component
public class StoreOutage {

    /** Null while the store serves. */
    private final AtomicReference<Instant> since = new AtomicReference<>();

    public boolean active() {
        return since.get() != null;
    }

    /** Starts or ends the outage; a second start keeps the first start time. */
    public Map<String, Object> set(boolean outage) {
        if (outage) {
            since.compareAndSet(null, Instant.now());
        } else {
            since.set(null);
        }
        return current();
    }

    public Map<String, Object> current() {
        Instant start = since.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outage", start != null);
        if (start != null) {
            body.put("since", start.toString());
        }
        return body;
    }
}
