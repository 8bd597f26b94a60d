package dev.powerpages.emulator.gateway.cdn;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The static file extensions the Power Pages rule caches: the administrator's list if set, else
 * the site setting {@code ContentDeliveryNetwork/FileExtensions} read from the metadata store's
 * Web API (as the edge's own application, client credentials), else Power Pages' default list.
 * The store is read in the background when the value is older than the refresh interval, so a
 * request never waits for it and a store that cannot be reached leaves the last known list.
 */
public class SiteFileExtensions {

    static final String SETTING = "ContentDeliveryNetwork/FileExtensions";

    private static final Logger log = LoggerFactory.getLogger(SiteFileExtensions.class);

    private final CdnProperties properties;

    private final WebClient client;

    private final Clock clock;

    /** The store's value; an empty list means the store has no such setting (use the default). */
    private final AtomicReference<List<String>> fromStore = new AtomicReference<>(List.of());

    private final AtomicReference<Instant> readAt = new AtomicReference<>(Instant.MIN);

    private final AtomicBoolean reading = new AtomicBoolean();

    private final AtomicBoolean warned = new AtomicBoolean();

    public SiteFileExtensions(CdnProperties properties, WebClient.Builder builder, Clock clock) {
        this.properties = properties;
        this.client = builder.build();
        this.clock = clock;
    }

    List<String> current(CdnSettings settings) {
        if (settings.fileExtensions() != null) {
            return settings.fileExtensions();
        }
        refreshIfDue();
        List<String> stored = fromStore.get();
        return stored.isEmpty() ? defaults() : stored;
    }

    /** Where the list in use comes from: {@code settings}, {@code store} or {@code default}. */
    String source(CdnSettings settings) {
        if (settings.fileExtensions() != null) {
            return "settings";
        }
        return fromStore.get().isEmpty() ? "default" : "store";
    }

    List<String> defaults() {
        return properties.defaultFileExtensions().stream()
                .map(FileExtensions::normalize)
                .toList();
    }

    private void refreshIfDue() {
        CdnProperties.SiteSettings store = properties.siteSettings();
        if (!store.enabled()
                || readAt.get().plus(store.refreshInterval()).isAfter(clock.instant())
                || !reading.compareAndSet(false, true)) {
            return;
        }
        read().timeout(store.timeout())
                .doFinally(signal -> {
                    readAt.set(clock.instant());
                    reading.set(false);
                })
                .subscribe(
                        extensions -> {
                            fromStore.set(extensions);
                            warned.set(false);
                        },
                        error -> {
                            if (warned.compareAndSet(false, true)) {
                                log.warn(
                                        "Cannot read the site setting {} from the metadata store ({}); using the {} list",
                                        SETTING,
                                        error.getMessage(),
                                        fromStore.get().isEmpty() ? "default" : "last known");
                            }
                        });
    }

    Mono<List<String>> read() {
        CdnProperties.SiteSettings store = properties.siteSettings();
        String base = store.storeUrl().toString().replaceAll("/$", "");
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", store.clientId());
        form.add("client_secret", store.clientSecret());
        form.add("scope", base + "/.default");
        var settingsUri = UriComponentsBuilder.fromUriString(base + "/api/data/v9.2/adx_sitesettings")
                .queryParam("$select", "adx_name,adx_value")
                .queryParam("$filter", "adx_name eq '" + SETTING + "'")
                .encode()
                .build()
                .toUri();
        return client.post()
                .uri(base + "/" + store.tenantId() + "/oauth2/v2.0/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(token -> token.get("access_token").asString())
                .flatMap(token -> client.get()
                        .uri(settingsUri)
                        .headers(headers -> headers.setBearerAuth(token))
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .bodyToMono(JsonNode.class))
                .map(SiteFileExtensions::extensionsIn);
    }

    private static List<String> extensionsIn(JsonNode answer) {
        for (JsonNode row : answer.path("value")) {
            String value = row.path("adx_value").asString("");
            if (!value.isBlank()) {
                return FileExtensions.parse(value);
            }
        }
        return List.of();
    }
}
