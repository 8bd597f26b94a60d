package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.StoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the hosted environments in the shape of Dataverse's Global Discovery Service
 * ({@code GET /api/discovery/v2.0/Instances}, "Discover user organizations"), so tools that find
 * environments that way can find the emulator's. Unlike the real service it needs no token: it only
 * tells names and URLs. Fields after {@code EnvironmentId} are the emulator's own.
 */
@RestController
class DiscoveryController {

    /** Dataverse's version as the Web API path names it. */
    private static final String VERSION = "9.2.0.0";

    private final Environments environments;
    private final String serviceRoot;

    DiscoveryController(Environments environments, StoreProperties properties) {
        this.environments = environments;
        this.serviceRoot = properties.publicUrl() + "/api/discovery/v2.0";
    }

    @GetMapping("/api/discovery/v2.0/Instances")
    ResponseEntity<Map<String, Object>> instances() {
        List<Map<String, Object>> value =
                environments.all().stream().map(DiscoveryController::instance).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", serviceRoot + "/$metadata#Instances");
        body.put("value", value);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/json; odata.metadata=minimal"))
                .header("OData-Version", "4.0")
                .body(body);
    }

    private static Map<String, Object> instance(DataverseEnvironment environment) {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("Id", environment.organizationId().toString());
        instance.put("UniqueName", environment.name());
        instance.put("UrlName", environment.name());
        instance.put("FriendlyName", environment.friendlyName());
        instance.put("State", 0); // 0 = Enabled
        instance.put("Version", VERSION);
        instance.put("Url", environment.url());
        instance.put("ApiUrl", environment.url());
        instance.put("TenantId", environment.tenantId());
        instance.put("EnvironmentId", environment.environmentId().toString());
        instance.put("Geography", environment.geography());
        instance.put("AzureRegions", environment.regions());
        instance.put("HostUrl", environment.hostUrl());
        instance.put("PathUrl", environment.pathUrl());
        instance.put("IsDefault", environment.isDefault());
        return instance;
    }
}
