package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.edge.EdgeOwnResponsesFilter;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** The shortcut's reading of the edge's own paths agrees with the pipeline's, whatever the path's spelling. */
class CdnFastHitsOwnPathTest {

    @Test
    void theEdgesOwnPathsAreToldApartAsThePipelineTellsThem() {
        List<String> paths = List.of(
                "/",
                "",
                "//",
                "/_edge",
                "/_edge/",
                "/_edge/health",
                "//_edge/health",
                "/%5Fedge/health",
                "/_%65dge/admin/cdn",
                "/_edge;x=1/health",
                "/actuator",
                "/actuator/prometheus",
                "/ACTUATOR/prometheus",
                "/_edges/x.css",
                "/_edg",
                "/actuators",
                "/css/_edge/site.css",
                "/bench/static.css",
                "/caf%C3%A9/x.css");
        for (String path : paths) {
            MockServerHttpRequest request = request(path.isEmpty() ? "/" : path);
            String rawPath = request.getURI().getRawPath();
            assertThat(CdnFastHits.ownPath(rawPath, request))
                    .as(path)
                    .isEqualTo(EdgeOwnResponsesFilter.ownPath(request.getPath().pathWithinApplication()));
        }
        // an encoded underscore is still the edge's own path, as the pipeline decodes it
        assertThat(CdnFastHits.ownPath("/%5Fedge/health", request("/%5Fedge/health")))
                .isTrue();
        assertThat(CdnFastHits.ownPath("/_edge/health", request("/_edge/health")))
                .isTrue();
        assertThat(CdnFastHits.ownPath("/bench/static.css", request("/bench/static.css")))
                .isFalse();
    }

    /** A request for the path exactly as written (no encoding added). */
    private static MockServerHttpRequest request(String rawPath) {
        return MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://localhost" + rawPath))
                .build();
    }
}
