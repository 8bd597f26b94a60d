package dev.powerpages.emulator.sitefolder;

import java.util.Map;

/**
 * One Dataverse row as a site folder describes it.
 *
 * @param table   the table's logical name ({@code adx_webpage}, {@code annotation}, {@code powerpagecomponent} …)
 * @param id      the row's primary key as written in the folder (a site's own GUIDs are kept)
 * @param columns logical column name to value, in the order the folder wrote them: {@code String}, {@code Boolean},
 *                {@code Long}, {@code java.math.BigDecimal}, {@code byte[]} (a file's content: an annotation's
 *                {@code documentbody}, a component's {@code filecontent}) or {@code null}; a lookup is the target
 *                row's id under the lookup column's logical name ({@code adx_parentpageid}); an N:N relationship is a
 *                {@code List<String>} of the related rows' ids under the relationship's schema name
 *                ({@code adx_entitypermission_webrole}); text kept in a side
 *                file ({@code .copy.html}, {@code .webtemplate.source.html} …) is the column's value
 * @param source  the file (and line) the row was read from, for messages
 */
public record SiteRecord(String table, String id, Map<String, Object> columns, SourceLocation source) {}
