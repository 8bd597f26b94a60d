package dev.powerpages.emulator.dashboard;

import java.net.URI;
import java.util.Optional;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The serving application's own address, for the one thing the dashboard reads from it over HTTP: the profile's
 * event list ({@code GET /api/profiles/{name}/events}), whose entries (status changes, scaling decisions) are
 * assembled by the application's API, not by the in-memory profile the {@link ProfileSource} gives. Known once the
 * web server listens (a random port in tests); {@code traffic-manager.dashboard.events-base-url} overrides it.
 */
class SelfUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final URI configured;
    private volatile URI listening;

    SelfUrl(DashboardProperties properties) {
        this.configured = properties.eventsBaseUrl();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getWebServer().getPort() > 0) {
            listening = URI.create("http://localhost:" + event.getWebServer().getPort());
        }
    }

    Optional<URI> get() {
        return Optional.ofNullable(configured != null ? configured : listening);
    }
}
