package dev.powerpages.emulator.gateway.cdn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds the run-time {@link CdnSettings} and keeps them in a JSON file, so that an administrator's
 * switch survives a gateway restart (the settings of a real Front Door profile are durable too).
 */
public class CdnSettingsStore {

    private static final Logger log = LoggerFactory.getLogger(CdnSettingsStore.class);

    private static final Set<String> FIELDS = Set.of(
            "enabled", "cachingRule", "queryStringCachingBehavior", "queryParameters", "fileExtensions", "compression");

    private final JsonMapper jsonMapper;

    private final Path file;

    private final CdnSettings initial;

    private final AtomicReference<CdnSettings> current = new AtomicReference<>();

    public CdnSettingsStore(CdnProperties properties, JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
        this.file = properties.settingsFile();
        this.initial = CdnSettings.initial(properties);
        this.current.set(load());
    }

    public CdnSettings current() {
        return current.get();
    }

    /** Applies a JSON merge patch (RFC 7396) and keeps the result; bad input is a 400. */
    public synchronized CdnSettings patch(byte[] mergePatch) {
        JsonNode patch;
        try {
            patch = jsonMapper.readTree(mergePatch);
        } catch (JacksonException ex) {
            throw badRequest("The body is not JSON: " + ex.getOriginalMessage());
        }
        if (patch == null || !patch.isObject()) {
            throw badRequest("The body must be a JSON object (a JSON merge patch of the CDN settings).");
        }
        for (String name : patch.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw badRequest("Unknown CDN setting '" + name + "'. Known settings: " + FIELDS + ".");
            }
        }
        ObjectNode merged = jsonMapper.valueToTree(current.get());
        patch.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                // Removing a setting returns it to its default.
                merged.set(field.getKey(), jsonMapper.valueToTree(initial).get(field.getKey()));
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        });
        CdnSettings settings;
        try {
            settings = jsonMapper.treeToValue(merged, CdnSettings.class);
        } catch (JacksonException ex) {
            throw badRequest("Invalid CDN settings: " + ex.getOriginalMessage());
        }
        validate(settings);
        save(settings);
        current.set(settings);
        log.info(
                "CDN settings changed: enabled={}, cachingRule={}, queryStringCachingBehavior={}",
                settings.enabled(),
                settings.cachingRule(),
                settings.queryStringCachingBehavior());
        return settings;
    }

    private static void validate(CdnSettings settings) {
        if (settings.cachingRule() == null) {
            throw badRequest("cachingRule must be one of PowerPages, FrontDoorRoute.");
        }
        if (settings.queryStringCachingBehavior() == null) {
            throw badRequest("queryStringCachingBehavior must be one of IgnoreQueryString, UseQueryString, "
                    + "IgnoreSpecifiedQueryStrings, IncludeSpecifiedQueryStrings.");
        }
        boolean namesParameters = settings.queryStringCachingBehavior()
                        == QueryStringCachingBehavior.IgnoreSpecifiedQueryStrings
                || settings.queryStringCachingBehavior() == QueryStringCachingBehavior.IncludeSpecifiedQueryStrings;
        if (namesParameters && settings.queryParameters().isEmpty()) {
            throw badRequest(settings.queryStringCachingBehavior() + " needs a non-empty queryParameters list.");
        }
    }

    private CdnSettings load() {
        if (file == null || !Files.exists(file)) {
            return initial;
        }
        try {
            CdnSettings loaded = jsonMapper.readValue(file.toFile(), CdnSettings.class);
            validate(loaded);
            return loaded;
        } catch (JacksonException | ResponseStatusException ex) {
            log.warn("Ignoring unreadable CDN settings file {}: {}", file, ex.getMessage());
            return initial;
        }
    }

    private void save(CdnSettings settings) {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "cdn-settings", ".tmp");
            Files.write(temporary, jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the CDN settings to " + file, ex);
        }
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
