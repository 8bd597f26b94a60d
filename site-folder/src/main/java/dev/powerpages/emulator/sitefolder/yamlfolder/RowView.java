package dev.powerpages.emulator.sitefolder.yamlfolder;

import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.COMPONENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.CONTENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE_ID;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.TYPE;

import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.kinds.ContentJson;
import dev.powerpages.emulator.sitefolder.kinds.RowKind;
import java.util.Map;
import java.util.Optional;

/**
 * A row seen through its kind, the same way in both data models: a standard row's column, or the same value in an
 * enhanced component's content ({@code adx_partialurl} there is {@code partialurl}).
 */
final class RowView {

    final SiteRecord row;
    final RowKind kind;
    private final boolean enhanced;
    private Map<String, Object> content;

    private RowView(SiteRecord row, RowKind kind, boolean enhanced) {
        this.row = row;
        this.kind = kind;
        this.enhanced = enhanced;
    }

    /** The view of a row, or empty for a row of a table no site folder holds. */
    static Optional<RowView> of(SiteRecord row, boolean enhanced) {
        if (!enhanced) {
            return RowKind.ofTable(row.table()).map(kind -> new RowView(row, kind, false));
        }
        return switch (row.table()) {
            case SITE -> Optional.of(new RowView(row, RowKind.WEBSITE, true));
            case SITE_LANGUAGE -> Optional.of(new RowView(row, RowKind.WEBSITE_LANGUAGE, true));
            case COMPONENT ->
                row.columns().get(TYPE) instanceof Number type
                        ? RowKind.ofComponentType(type.intValue()).map(kind -> new RowView(row, kind, true))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The component's content document, parsed once (enhanced rows only). */
    Map<String, Object> content() {
        if (content == null) {
            Object json = row.columns().get(CONTENT);
            content = ContentJson.read(json == null ? null : json.toString());
        }
        return content;
    }

    /** The value of a standard column, wherever this data model keeps it. */
    Object value(String standardColumn) {
        if (!enhanced) {
            return row.columns().get(standardColumn);
        }
        if (standardColumn.equals(kind.languageColumn())) {
            return row.columns().get(SITE_LANGUAGE_ID);
        }
        return content().get(RowKind.enhancedKey(standardColumn));
    }

    /** The name pac names the row's files after. */
    String name() {
        Object name =
                enhanced && row.columns().get(NAME) != null ? row.columns().get(NAME) : value(kind.nameColumn());
        return name == null || name.toString().isBlank() ? row.id() : name.toString();
    }

    String language() {
        Object language = kind.languageColumn() == null ? null : value(kind.languageColumn());
        return language == null ? null : language.toString();
    }

    String parentId() {
        return kind.parent()
                .map(parent -> value(parent.lookupColumn()))
                .map(Object::toString)
                .orElse(null);
    }
}
