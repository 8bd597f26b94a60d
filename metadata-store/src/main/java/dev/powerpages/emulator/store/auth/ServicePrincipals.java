package dev.powerpages.emulator.store.auth;

import dev.powerpages.emulator.store.StoreProperties;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The object id of each application's service principal in the tenant: the {@code oid} and {@code sub} of its
 * tokens, which resource providers key their role assignments by. Configured ({@code store.clients[].object-id}, as
 * for the well-known management principals, whose role assignments the resource manager names) or else derived from
 * the tenant and client id, so it stays the same across restarts.
 */
final class ServicePrincipals {

    private ServicePrincipals() {}

    static UUID objectId(String tenantId, StoreProperties.Client client) {
        if (client.objectId() != null && !client.objectId().isBlank()) {
            return UUID.fromString(client.objectId());
        }
        return UUID.nameUUIDFromBytes(
                ("serviceprincipal:" + tenantId + ":" + client.clientId()).getBytes(StandardCharsets.UTF_8));
    }

    static UUID objectId(StoreProperties properties, String clientId) {
        return properties.clients().stream()
                .filter(client -> client.clientId().equals(clientId))
                .findFirst()
                .map(client -> objectId(properties.tenantId(), client))
                .orElseThrow(() -> new IllegalArgumentException("no client " + clientId));
    }
}
