package dev.powerpages.emulator.appnode.webapi;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** The node's business data cache for tests that wire by hand. */
public final class BusinessDataCaches {

    private BusinessDataCaches() {}

    /** A cache that keeps nothing: every read goes to the store, as a test that counts store calls wants. */
    public static BusinessDataCache keepingNothing() {
        return new BusinessDataCache(new WebApiProperties(Duration.ZERO, 10), new SimpleMeterRegistry());
    }
}
