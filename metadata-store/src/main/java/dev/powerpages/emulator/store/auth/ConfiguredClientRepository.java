package dev.powerpages.emulator.store.auth;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The application registrations from configuration. Not Spring Authorization Server's
 * {@code InMemoryRegisteredClientRepository}: that one refuses two clients with the same secret,
 * and the emulator's well-known development credentials deliberately share {@code emulator-secret}
 * (as Azurite's development accounts share a well-known key).
 */
final class ConfiguredClientRepository implements RegisteredClientRepository {

    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

    ConfiguredClientRepository(List<RegisteredClient> clients) {
        for (RegisteredClient client : clients) {
            if (byId.put(client.getId(), client) != null) {
                throw new IllegalArgumentException("Client " + client.getClientId() + " is configured twice");
            }
        }
    }

    /** The authorization server saves a client back after authenticating it (e.g. to upgrade its secret's encoding). */
    @Override
    public void save(RegisteredClient registeredClient) {
        byId.put(registeredClient.getId(), registeredClient);
    }

    @Override
    public RegisteredClient findById(String id) {
        return byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return byId.values().stream()
                .filter(c -> c.getClientId().equals(clientId))
                .findFirst()
                .orElse(null);
    }
}
