package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class PreparedAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");

    private static HttpHeaders origin() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "text/css");
        headers.set("Cache-Control", "public, max-age=300");
        headers.set("ETag", "\"v1\"");
        headers.set("Content-Length", "999");
        headers.set("Date", HttpDates.format(NOW.minusSeconds(30)));
        return headers;
    }

    private static StoredResponse stored(HttpHeaders headers, byte[] body, byte[] gzip) {
        return new StoredResponse(
                200, headers, body, gzip, Map.of(), NOW, NOW.plusSeconds(1), Duration.ofMinutes(5), false, false);
    }

    @Test
    void eachRepresentationCarriesItsOwnLengthEncodingAndValidator() {
        byte[] body = "body { color: blue }".getBytes(StandardCharsets.UTF_8);
        byte[] gzip = {1, 2, 3};
        StoredResponse stored = stored(origin(), body, gzip);

        HttpHeaders identity = stored.prepared().identity().headers();
        HttpHeaders compressed = stored.prepared().gzip().headers();

        assertThat(identity.getContentLength()).isEqualTo(body.length);
        assertThat(identity.getETag()).isEqualTo("\"v1\"");
        assertThat(identity.containsHeader("Content-Encoding")).isFalse();
        assertThat(identity.getVary()).containsExactly("Accept-Encoding");
        assertThat(compressed.getContentLength()).isEqualTo(3);
        assertThat(compressed.getETag()).isEqualTo("W/\"v1\"");
        assertThat(compressed.getFirst("Content-Encoding")).isEqualTo("gzip");
        assertThat(compressed.getVary()).containsExactly("Accept-Encoding");
        assertThat(compressed.getFirst("Cache-Control")).isEqualTo("public, max-age=300");
    }

    @Test
    void anUncompressedResponseHasOneRepresentationWhateverTheRequestAccepts() {
        StoredResponse stored = stored(origin(), new byte[10], null);
        HttpHeaders acceptsGzip = new HttpHeaders();
        acceptsGzip.set("Accept-Encoding", "gzip, br");

        assertThat(stored.prepared().forRequest(acceptsGzip))
                .isSameAs(stored.prepared().identity());
        assertThat(stored.prepared().identity().headers().containsHeader("Vary"))
                .isFalse();
    }

    @Test
    void theGzipRepresentationGoesOnlyToRequestsThatAcceptIt() {
        StoredResponse stored = stored(origin(), new byte[10], new byte[3]);
        HttpHeaders acceptsGzip = new HttpHeaders();
        acceptsGzip.set("Accept-Encoding", "gzip, br");
        HttpHeaders refusesGzip = new HttpHeaders();
        refusesGzip.set("Accept-Encoding", "gzip;q=0, br");

        assertThat(stored.prepared().forRequest(acceptsGzip))
                .isSameAs(stored.prepared().gzip());
        assertThat(stored.prepared().forRequest(refusesGzip))
                .isSameAs(stored.prepared().identity());
        assertThat(stored.prepared().forRequest(new HttpHeaders()))
                .isSameAs(stored.prepared().identity());
    }

    @Test
    void nonAsciiValuesAreKeptAsTheOriginSentThem() {
        HttpHeaders headers = origin();
        headers.set("Content-Disposition", "inline; filename=\"café.css\"");

        StoredResponse stored = stored(headers, new byte[10], null);

        var wire = stored.prepared().identity().wire();
        assertThat(wire.get("Content-Disposition")).isEqualTo("inline; filename=\"café.css\"");
        assertThat(wire.get("Content-Type")).isEqualTo("text/css");
        // pure-ASCII values are held as Netty's byte strings, written without re-encoding
        assertThat(wire.iteratorCharSequence().next().getValue()).isInstanceOf(AsciiString.class);
    }

    @Test
    void theAgeCountsTheTimeBeforeStorageAndTheTimeSince() {
        // Date 30 s before the request: 31 s old when it arrived, then 10 s in the cache
        StoredResponse stored = stored(origin(), new byte[10], null);

        assertThat(stored.age(NOW.plusSeconds(11)).toSeconds()).isEqualTo(41);
    }
}
