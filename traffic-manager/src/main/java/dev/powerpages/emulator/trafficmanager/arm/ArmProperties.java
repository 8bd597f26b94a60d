package dev.powerpages.emulator.trafficmanager.arm;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The resource-manager endpoint ({@code traffic-manager.arm.*}): where it listens, the subscription, tenant and
 * resource group it shows, which tokens it takes and who may do what.
 *
 * @param port the connector that serves only Azure Resource Manager's paths (8060); 0 picks a free port, -1 turns
 *        the endpoint off
 * @param tls whether the connector serves HTTPS with a certificate from the stack's local CA ({@code stack.tls.*});
 *        false serves plain HTTP (the Azure SDKs refuse to send tokens over it: for tests of the endpoint alone)
 * @param subscriptionId the one subscription ({@code 00000000-0000-0000-0000-000000000000})
 * @param subscriptionName its display name
 * @param tenantId the tenant the subscription belongs to: the store's tenant, whose tokens are accepted
 * @param resourceGroup the resource group that holds the demo's resources
 * @param location where the resource group is (the demo's primary region)
 * @param identity how bearer tokens are validated
 * @param roleAssignments role (Owner, Contributor or Reader) on the subscription, by principal: the token's
 *        {@code appid}/{@code azp} (client id) or {@code oid} (object id)
 * @param gateway where the Front Door resources live
 * @param loginEndpoint what {@code /metadata/endpoints} tells clients to sign in at (az cloud register)
 */
@ConfigurationProperties("traffic-manager.arm")
public record ArmProperties(
        Integer port,
        Boolean tls,
        String subscriptionId,
        String subscriptionName,
        String tenantId,
        String resourceGroup,
        String location,
        Identity identity,
        Map<String, String> roleAssignments,
        Gateway gateway,
        String loginEndpoint) {

    public ArmProperties {
        port = port == null ? 8060 : port;
        tls = tls == null ? Boolean.TRUE : tls;
        subscriptionId = subscriptionId == null ? "00000000-0000-0000-0000-000000000000" : subscriptionId;
        subscriptionName = subscriptionName == null ? "Power Pages Stack Emulator" : subscriptionName;
        tenantId = tenantId == null ? "contoso" : tenantId;
        resourceGroup = resourceGroup == null ? "emulator" : resourceGroup;
        location = location == null ? "northeurope" : location;
        identity = identity == null ? new Identity(null, null, null, null) : identity;
        roleAssignments = roleAssignments == null ? Map.of() : Map.copyOf(roleAssignments);
        gateway = gateway == null ? new Gateway(null, null, null, null) : gateway;
        loginEndpoint = loginEndpoint == null ? "https://localhost:8071/" : loginEndpoint;
    }

    public boolean enabled() {
        return port >= 0;
    }

    /**
     * @param jwkSetUri where the signing keys of the store's tokens are published
     * @param issuers the {@code iss} values accepted (the store's, over HTTP and over TLS)
     * @param audiences the {@code aud} values accepted: Azure Resource Manager's
     * @param authorizationUri the {@code authorization_uri} of the 401's {@code WWW-Authenticate} challenge
     */
    public record Identity(String jwkSetUri, List<String> issuers, List<String> audiences, String authorizationUri) {

        public Identity {
            jwkSetUri = jwkSetUri == null ? "http://localhost:8070/contoso/discovery/v2.0/keys" : jwkSetUri;
            issuers = issuers == null
                    ? List.of("http://localhost:8070/contoso/", "http://localhost:8070/adfs/services/trust")
                    : List.copyOf(issuers);
            // ARM's own list, as its InvalidAuthenticationTokenAudience message names it.
            audiences = audiences == null
                    ? List.of(
                            "https://management.core.windows.net/",
                            "https://management.core.windows.net",
                            "https://management.azure.com/",
                            "https://management.azure.com")
                    : List.copyOf(audiences);
            authorizationUri = authorizationUri == null ? "https://localhost:8071/contoso" : authorizationUri;
        }
    }

    /**
     * @param url the gateway (Front Door's role), whose admin API holds the WAF policy and the cache
     * @param adminKey its admin key
     * @param frontDoorProfile the Front Door (Microsoft.Cdn) profile's name
     * @param afdEndpoint the profile's endpoint, whose purge empties the gateway's cache
     */
    public record Gateway(String url, String adminKey, String frontDoorProfile, String afdEndpoint) {

        public Gateway {
            url = url == null ? "http://localhost:8080" : url;
            adminKey = adminKey == null ? "emulator-admin-key" : adminKey;
            frontDoorProfile = frontDoorProfile == null ? "contoso-edge" : frontDoorProfile;
            afdEndpoint = afdEndpoint == null ? "contoso" : afdEndpoint;
        }
    }
}
