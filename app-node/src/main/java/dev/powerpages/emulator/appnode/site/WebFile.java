package dev.powerpages.emulator.appnode.site;

import java.time.Instant;

/**
 * A row of {@code adx_webfiles} with the metadata of its newest note ({@code annotations}); the bytes themselves
 * are fetched on demand.
 *
 * @param lastModified {@code createdon} of the newest annotation: a new upload is a new version
 */
public record WebFile(String id, String name, String url, String mimeType, String fileName, Instant lastModified) {

    /** The version of the content: changes whenever a newer annotation is attached. */
    public String version() {
        return id + "@" + (lastModified == null ? "0" : lastModified.toEpochMilli());
    }
}
