package dev.powerpages.emulator.gateway.cdn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The site administrator's CDN switch and purge, behind the admin key (admin.EdgeAdminSecurity: the
 * starter's chain guards {@code /_edge/admin/**}): {@code GET}/{@code PATCH /_edge/admin/cdn} (a JSON merge patch) and
 * {@code POST /_edge/admin/cdn/purge}, which answers 202 as Front Door's purge does — here the
 * entries are already gone when it answers.
 */
@RestController
class CdnAdminController {

    private static final String PATH = "/_edge/admin/cdn";

    private final CdnSettingsStore settings;

    private final EdgeCache cache;

    private final SiteFileExtensions fileExtensions;

    private final CdnMetrics metrics;

    CdnAdminController(
            CdnSettingsStore settings, EdgeCache cache, SiteFileExtensions fileExtensions, CdnMetrics metrics) {
        this.settings = settings;
        this.cache = cache;
        this.fileExtensions = fileExtensions;
        this.metrics = metrics;
    }

    @GetMapping(PATH)
    Map<String, Object> get() {
        return view(settings.current());
    }

    @PatchMapping(
            path = PATH,
            consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    Map<String, Object> patch(@RequestBody(required = false) byte[] body) {
        return view(settings.patch(body == null ? new byte[0] : body));
    }

    @PostMapping(PATH + "/purge")
    ResponseEntity<Map<String, Object>> purge(@RequestBody(required = false) PurgeRequest request) {
        var matcher = Purge.matcher(request == null ? null : request.contentPaths());
        int purged = cache.purge(matcher);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("contentPaths", request.contentPaths(), "purgedEntries", purged));
    }

    record PurgeRequest(List<String> contentPaths) {}

    private Map<String, Object> view(CdnSettings current) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", current.enabled());
        view.put("cachingRule", current.cachingRule());
        view.put("queryStringCachingBehavior", current.queryStringCachingBehavior());
        view.put("queryParameters", current.queryParameters());
        view.put("fileExtensions", current.fileExtensions());
        view.put("compression", current.compression());
        view.put("effectiveFileExtensions", fileExtensions.current(current));
        view.put("fileExtensionsSource", fileExtensions.source(current));
        view.put("entries", cache.size());
        view.put("requests", metrics.counts());
        return view;
    }
}
