package dev.powerpages.emulator.sitefolder.yamlfolder;

import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.COMPONENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.CONTENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_MIME_TYPE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_ID;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE_ID;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.STATE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.STATUS;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.TYPE;

import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.kinds.ContentJson;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import dev.powerpages.emulator.sitefolder.yaml.YamlRow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows of the enhanced data model from pac's short-key YAML: {@code id} is the row's key, {@code name} its name
 * column, the language lookup ({@code webpagelanguageid}, {@code contentsnippetlanguageid}, {@code websitelanguageid})
 * its {@code powerpagesitelanguageid}, and every other key, with the side files' text, goes into the {@code content}
 * JSON under the same key, as a solution export shows the same components
 * ({@code {"partialurl":"about","copy":"<p>…"}}). A web file's bytes are the component's {@code filecontent}.
 */
final class ComponentRows {

    /** pac's YAML keys for a web file's file column (it writes them as an annotation's would be). */
    static final String FILE_NAME_KEY = "filename";

    static final String MIME_TYPE_KEY = "mimetype";

    private ComponentRows() {}

    static SiteRecord site(YamlRow row) {
        Map<String, Object> yaml = new LinkedHashMap<>(row.columns());
        String id = Rows.requireId(yaml, "id", row.source());
        yaml.remove("id");
        Map<String, Object> columns = new LinkedHashMap<>();
        putIfPresent(yaml, NAME, columns, NAME);
        moveState(yaml, columns);
        columns.put(CONTENT, ContentJson.write(yaml));
        return Rows.record(SITE, id, columns, row.source());
    }

    /** A site language; its code, LCID and display name are added from .portalconfig by the reader. */
    static SiteRecord siteLanguage(YamlRow row, String siteId, Map<String, Object> portalLanguage) {
        Map<String, Object> yaml = new LinkedHashMap<>(row.columns());
        String id = Rows.requireId(yaml, "id", row.source());
        yaml.remove("id");
        Map<String, Object> columns = new LinkedHashMap<>();
        putIfPresent(yaml, NAME, columns, NAME);
        columns.put(SITE_ID, siteId);
        if (portalLanguage != null) {
            for (String column : new String[] {"languagecode", "lcid", "displayname"}) {
                if (portalLanguage.containsKey(column)) {
                    columns.put(column, portalLanguage.get(column));
                }
            }
        }
        moveState(yaml, columns);
        columns.put(CONTENT, ContentJson.write(yaml));
        return Rows.record(SITE_LANGUAGE, id, columns, row.source());
    }

    static SiteRecord component(
            RowKind kind,
            YamlRow row,
            String siteId,
            Map<String, String> sideColumns,
            byte[] webFileContent,
            String webFileName,
            String contentFileName) {
        Map<String, Object> yaml = new LinkedHashMap<>(row.columns());
        String id = Rows.requireId(yaml, "id", row.source());
        yaml.remove("id");
        Map<String, Object> columns = new LinkedHashMap<>();
        if (yaml.containsKey(NAME)) {
            columns.put(NAME, yaml.remove(NAME));
        } else if (!kind.nameColumn().equals("adx_name")) {
            // table permissions have no name: key; their name column is the entityname they keep in content too
            columns.put(NAME, yaml.get(RowKind.enhancedKey(kind.nameColumn())));
        }
        columns.put(TYPE, kind.componentType().longValue());
        columns.put(SITE_ID, siteId);
        if (kind.languageColumn() != null) {
            putIfPresent(yaml, RowKind.enhancedKey(kind.languageColumn()), columns, SITE_LANGUAGE_ID);
        }
        putIfPresent(yaml, STATE, columns, STATE);
        if (!kind.hasOwnStatusCode()) {
            putIfPresent(yaml, STATUS, columns, STATUS);
        }
        if (kind == RowKind.WEB_FILE) {
            Object fileName = yaml.remove(FILE_NAME_KEY);
            Object mimeType = yaml.remove(MIME_TYPE_KEY);
            if (webFileContent != null) {
                columns.put(FILE_CONTENT, webFileContent);
                columns.put(FILE_CONTENT_NAME, fileName != null ? fileName : webFileName);
                if (contentFileName != null) {
                    columns.put(SiteRecord.CONTENT_FILE_NAME, contentFileName);
                }
                if (mimeType != null) {
                    columns.put(FILE_CONTENT_MIME_TYPE, mimeType);
                }
            } else {
                // no file beside the row: keep what it says about the file, for writing it back
                putBack(yaml, FILE_NAME_KEY, fileName);
                putBack(yaml, MIME_TYPE_KEY, mimeType);
            }
        } else if (yaml.containsKey(FILE_CONTENT)) {
            columns.put(FILE_CONTENT, yaml.remove(FILE_CONTENT));
        }
        sideColumns.forEach((column, text) -> yaml.put(RowKind.enhancedKey(column), text));
        columns.put(CONTENT, ContentJson.write(yaml));
        return Rows.record(COMPONENT, id, columns, row.source());
    }

    private static void moveState(Map<String, Object> yaml, Map<String, Object> columns) {
        putIfPresent(yaml, STATE, columns, STATE);
        putIfPresent(yaml, STATUS, columns, STATUS);
    }

    private static void putIfPresent(Map<String, Object> from, String key, Map<String, Object> to, String column) {
        if (from.containsKey(key)) {
            to.put(column, from.remove(key));
        }
    }

    private static void putBack(Map<String, Object> yaml, String key, Object value) {
        if (value != null) {
            yaml.put(key, value);
        }
    }
}
