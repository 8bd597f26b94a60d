package dev.powerpages.emulator.appnode.site;

import dev.powerpages.emulator.appnode.store.StoreRow;
import java.time.Instant;

/**
 * A row of {@code adx_webfiles} with the metadata of its content; the bytes themselves are fetched on demand: from
 * the newest note ({@code annotations}) in the standard data model, from the component's file column in the
 * enhanced one.
 *
 * @param lastModified {@code createdon} of the newest annotation (standard model) or the row's {@code modifiedon}
 *                     (enhanced): a new upload is a new version
 * @param parentPageId the (root) page the file hangs off; {@code null} for a file without a parent
 * @param content      where the bytes are
 */
public record WebFile(
        String id,
        String name,
        String url,
        String mimeType,
        String fileName,
        Instant lastModified,
        String parentPageId,
        boolean hiddenFromSitemap,
        int displayOrder,
        Content content,
        StoreRow row) {

    /** Where a web file's bytes live. */
    public enum Content {
        /** {@code annotations.documentbody} of the newest note attached to the file (standard data model). */
        NOTE,
        /** {@code powerpagecomponents(<id>)/filecontent} (enhanced data model). */
        COMPONENT_FILE
    }

    public WebFile(String id, String name, String url, String mimeType, String fileName, Instant lastModified) {
        this(id, name, url, mimeType, fileName, lastModified, null, true, 0, Content.NOTE, null);
    }

    /** The version of the content: changes whenever a newer annotation is attached. */
    public String version() {
        return id + "@" + (lastModified == null ? "0" : lastModified.toEpochMilli());
    }

    /** The title a site map node of the file shows: {@code adx_title}, else its name. */
    public String title() {
        String title = row == null ? null : row.text("adx_title");
        return title != null && !title.isBlank() ? title : name;
    }
}
