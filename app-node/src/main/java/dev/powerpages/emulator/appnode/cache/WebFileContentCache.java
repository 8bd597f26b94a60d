package dev.powerpages.emulator.appnode.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.appnode.site.SiteProperties;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreRow;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The bytes of web files, from the newest note ({@code annotations.documentbody}, base64) attached to each file
 * (standard data model) or the component's file column (enhanced data model).
 * Keyed by the file's version, so a newer upload is fetched afresh; bounded by total size.
 */
@Component
public class WebFileContentCache {

    private final StoreClient store;
    private final Cache<String, byte[]> contents;

    public WebFileContentCache(StoreClient store, SiteProperties properties, MeterRegistry meterRegistry) {
        this.store = store;
        this.contents = Caffeine.newBuilder()
                .maximumWeight(properties.webFileCacheMaxBytes())
                .weigher((String version, byte[] bytes) -> bytes.length)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meterRegistry, contents, "web-file-content");
    }

    /**
     * @throws StoreUnavailableException when the bytes are not cached and the store cannot be read
     */
    public byte[] content(WebFile file) {
        return contents.get(file.version(), version -> fetch(file));
    }

    /** "Clear cache" of the about page. */
    public void clear() {
        contents.invalidateAll();
    }

    public com.github.benmanes.caffeine.cache.stats.CacheStats stats() {
        return contents.stats();
    }

    public long size() {
        return contents.estimatedSize();
    }

    private byte[] fetch(WebFile file) {
        if (file.content() == WebFile.Content.COMPONENT_FILE) {
            // Enhanced data model: the component's file column (Dataverse's "Download a file" via $value).
            return store.bytes("powerpagecomponents(" + file.id() + ")/filecontent/$value");
        }
        // Dataverse syntax: GUID literals are not quoted.
        List<StoreRow> notes = store.list(
                "annotations", "documentbody,mimetype,filename,createdon", "_objectid_value eq " + file.id());
        return notes.stream()
                .reduce(StoreRow::laterCreated)
                .map(note -> note.text("documentbody"))
                .map(body -> Base64.getMimeDecoder().decode(body))
                .orElse(new byte[0]);
    }
}
