package dev.powerpages.emulator.appnode.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and as whom the node reaches the metadata store: the server-to-server application (Entra ID style
 * client credentials) and the HTTP timeouts of every call.
 */
@ConfigurationProperties("store")
public record StoreProperties(
        String url,
        String tenantId,
        String clientId,
        String clientSecret,
        String scope,
        Duration connectTimeout,
        Duration readTimeout) {

    public String tokenUri() {
        return url + "/" + tenantId + "/oauth2/v2.0/token";
    }
}
