package dev.powerpages.emulator.sitefolder.solution;

import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.COMPONENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_MIME_TYPE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.FILE_CONTENT_NAME;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_ID;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE;
import static dev.powerpages.emulator.sitefolder.kinds.EnhancedModel.SITE_LANGUAGE_ID;

import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.files.FileOutput;
import dev.powerpages.emulator.sitefolder.kinds.FileNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a site's rows as an unpacked solution holds them: {@code powerpagecomponents/<id>/powerpagecomponent.xml}
 * (columns as elements in alphabetical order, lookups as a nested element, two-space indents, as
 * {@code pac solution unpack} writes them), a file column's bytes in {@code filecontent/<name>} beside it, the site and
 * its languages in {@code Assets/}. The solution's other parts (Other/Solution.xml, tables) are not the site's and
 * are left as they are.
 */
public final class SolutionXmlWriter {

    private static final Set<String> LOOKUPS = Set.of(SITE_ID, SITE_LANGUAGE_ID);

    private SolutionXmlWriter() {}

    public static void write(SiteContent content, Path root) {
        FileOutput output = new FileOutput();
        Map<Path, List<SiteRecord>> lists = new TreeMap<>();
        for (SiteRecord row : content.records()) {
            switch (row.table()) {
                case COMPONENT -> writeComponent(row, output);
                case SITE ->
                    lists.computeIfAbsent(listFile(row, SolutionXmlReader.SITES_ASSET), file -> new ArrayList<>())
                            .add(row);
                case SITE_LANGUAGE ->
                    lists.computeIfAbsent(listFile(row, SolutionXmlReader.LANGUAGES_ASSET), file -> new ArrayList<>())
                            .add(row);
                default -> {
                    // not a table a solution keeps the site in
                }
            }
        }
        lists.forEach((file, rows) -> {
            rows.sort(Comparator.comparing(SiteRecord::id));
            String element = rows.get(0).table();
            StringBuilder xml = new StringBuilder();
            boolean asset = file.getFileName().toString().endsWith("s.xml");
            if (asset) {
                xml.append('<').append(element).append("s>\n");
            }
            for (SiteRecord row : rows) {
                appendRow(xml, row, element, asset ? "  " : "");
            }
            if (asset) {
                xml.append("</").append(element).append("s>");
            }
            output.put(file, xml.toString().getBytes(StandardCharsets.UTF_8));
        });
        output.writeTo(root);
    }

    /** Assets/powerpagesites.xml, unless the row came from a folder of its own (powerpagesites/<id>/…). */
    private static Path listFile(SiteRecord row, Path asset) {
        if (row.source() != null
                && row.source().file() != null
                && row.source().file().getFileName().toString().equals(row.table() + ".xml")) {
            return row.source().file();
        }
        return asset;
    }

    private static void writeComponent(SiteRecord row, FileOutput output) {
        Path folder = Path.of(SolutionXmlReader.COMPONENTS, FileNames.fileName(row.id()));
        StringBuilder xml = new StringBuilder();
        appendRow(xml, row, COMPONENT, "");
        output.put(
                folder.resolve(SolutionXmlReader.COMPONENT_FILE), xml.toString().getBytes(StandardCharsets.UTF_8));
        if (row.columns().get(FILE_CONTENT) instanceof byte[] bytes) {
            Object name = row.columns().get(FILE_CONTENT_NAME);
            String fileName = name != null ? name.toString() : FileNames.fileName(row.id());
            output.put(folder.resolve(SolutionXmlReader.FILE_FOLDER).resolve(fileName), bytes);
        }
    }

    private static void appendRow(StringBuilder xml, SiteRecord row, String element, String indent) {
        xml.append(indent)
                .append('<')
                .append(element)
                .append(' ')
                .append(element)
                .append("id=\"")
                .append(escape(row.id(), true))
                .append("\">\n");
        Map<String, Object> columns = new TreeMap<>(row.columns());
        columns.remove(FILE_CONTENT_NAME);
        columns.remove(FILE_CONTENT_MIME_TYPE);
        if (row.columns().get(FILE_CONTENT_NAME) != null) {
            columns.putIfAbsent(FILE_CONTENT, new byte[0]); // named, its bytes missing: the element is kept
        }
        String inner = indent + "  ";
        columns.forEach((column, value) -> {
            if (value == null) {
                return;
            }
            if (column.equals(FILE_CONTENT)) {
                if (value instanceof byte[]) {
                    Object name = row.columns().get(FILE_CONTENT_NAME);
                    Object type = row.columns().get(FILE_CONTENT_MIME_TYPE);
                    xml.append(inner).append("<filecontent");
                    if (type != null) {
                        xml.append(" mimetype=\"")
                                .append(escape(type.toString(), true))
                                .append('"');
                    }
                    xml.append('>')
                            .append(escape(name != null ? name.toString() : FileNames.fileName(row.id()), false))
                            .append("</filecontent>\n");
                }
                return;
            }
            if (LOOKUPS.contains(column)) {
                xml.append(inner)
                        .append('<')
                        .append(column)
                        .append(">\n")
                        .append(inner)
                        .append("  <")
                        .append(column)
                        .append('>')
                        .append(escape(value.toString(), false))
                        .append("</")
                        .append(column)
                        .append(">\n")
                        .append(inner)
                        .append("</")
                        .append(column)
                        .append(">\n");
                return;
            }
            xml.append(inner)
                    .append('<')
                    .append(column)
                    .append('>')
                    .append(escape(value.toString(), false))
                    .append("</")
                    .append(column)
                    .append(">\n");
        });
        xml.append(indent).append("</").append(element).append(">\n");
    }

    /** XML text: a carriage return as a reference, since a parser turns a literal one into a line feed. */
    private static String escape(String text, boolean attribute) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '\r' -> escaped.append("&#13;");
                case '"' -> escaped.append(attribute ? "&quot;" : "\"");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
