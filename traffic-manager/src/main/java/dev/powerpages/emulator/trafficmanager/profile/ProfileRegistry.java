package dev.powerpages.emulator.trafficmanager.profile;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The profiles: those declared under {@code traffic-manager.profiles} (checked at start-up, so that a mistake
 * in configuration stops the application with a message naming the property), then what the API created,
 * changed or deleted, which the {@link ProfileStore} keeps across restarts.
 */
@Component
public class ProfileRegistry {

    private final Map<String, TrafficManagerProfile> profiles =
            new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // Azure resource names are case-insensitive
    private final TrafficManagerProperties properties;
    private final ProfileStore store;
    private final Clock clock = Clock.systemUTC();

    /** The configured profiles only, nothing persisted. */
    public ProfileRegistry(TrafficManagerProperties properties) {
        this(properties, ProfileStore.inMemory());
    }

    @Autowired
    public ProfileRegistry(TrafficManagerProperties properties, JsonMapper json) {
        this(
                properties,
                properties.dataDir().isEmpty()
                        ? ProfileStore.inMemory()
                        : new ProfileStore(Path.of(properties.dataDir()), json));
    }

    ProfileRegistry(TrafficManagerProperties properties, ProfileStore store) {
        this.properties = properties;
        this.store = store;
        properties.profiles().forEach((name, definition) -> {
            ProfileDefinition normalized = normalize(name, definition);
            List<String> problems = ProfileValidator.problems(normalized);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        "Invalid traffic-manager.profiles." + name + ": " + String.join("; ", problems));
            }
            profiles.put(name, newProfile(name, normalized));
        });
        store.deleted().forEach(profiles::remove);
        store.saved().forEach((name, definition) -> profiles.put(name, newProfile(name, definition)));
    }

    public synchronized Collection<TrafficManagerProfile> all() {
        return List.copyOf(profiles.values());
    }

    public synchronized Optional<TrafficManagerProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /**
     * Creates or replaces a profile (ARM's PUT) and saves it.
     *
     * @return the profile and whether it was created
     * @throws InvalidProfileException when the definition breaks one of Azure's rules
     */
    public synchronized Saved put(String name, ProfileDefinition definition) {
        ProfileDefinition normalized = normalize(name, definition);
        List<String> problems = ProfileValidator.problems(normalized);
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(problems);
        }
        TrafficManagerProfile existing = profiles.get(name);
        String key = existing == null ? name : existing.name();
        TrafficManagerProfile profile = existing == null ? newProfile(key, normalized) : existing.updatedTo(normalized);
        profiles.put(key, profile);
        store.save(key, profile.currentDefinition());
        return new Saved(profile, existing == null);
    }

    /** Deletes a profile (ARM's DELETE); false when there was none. */
    public synchronized boolean delete(String name) {
        TrafficManagerProfile removed = profiles.remove(name);
        if (removed != null) {
            store.delete(removed.name());
        }
        return removed != null;
    }

    /** A profile after a PUT, and whether the PUT created it. */
    public record Saved(TrafficManagerProfile profile, boolean created) {}

    /** A profile definition that breaks one of Azure's documented rules. */
    public static final class InvalidProfileException extends RuntimeException {

        private final List<String> problems;

        InvalidProfileException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private TrafficManagerProfile newProfile(String name, ProfileDefinition definition) {
        return new TrafficManagerProfile(
                name, definition, properties.eventHistorySize(), clock, properties.probeAgents());
    }

    /** Fills in what Azure derives: the relative DNS name from the profile name, priorities from the order. */
    private static ProfileDefinition normalize(String name, ProfileDefinition definition) {
        DnsConfig dns = definition.dnsConfig().relativeName() == null
                ? new DnsConfig(name, definition.dnsConfig().ttl())
                : definition.dnsConfig();
        List<EndpointDefinition> endpoints = new ArrayList<>();
        for (int i = 0; i < definition.endpoints().size(); i++) {
            EndpointDefinition endpoint = definition.endpoints().get(i);
            endpoints.add(endpoint.priority() == null ? endpoint.withPriority(i + 1) : endpoint);
        }
        return new ProfileDefinition(
                definition.trafficRoutingMethod(),
                definition.profileStatus(),
                dns,
                definition.monitorConfig(),
                endpoints,
                definition.emulator());
    }
}
