package dev.powerpages.emulator.sitefolder.yaml;

import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes the YAML of a site folder as pac writes it: one row (a mapping) or a list of rows per file, block
 * style, keys as given, quotes only where a value would otherwise read back as another type (see
 * {@link CanonicalResolver}).
 *
 * <p>Reading goes through SnakeYAML's node tree rather than straight to Java objects, so every row keeps the line it
 * starts on (for messages) and a malformed file is reported with SnakeYAML's own mark. One instance per thread:
 * SnakeYAML's {@link Yaml} is not thread-safe.
 */
public final class SiteYaml {

    /** SnakeYAML refuses documents over 3 MB by default; a list's settings or a page's copy can be larger. */
    private static final int CODE_POINT_LIMIT = 256 * 1024 * 1024;

    /**
     * SnakeYAML refuses more than 50 aliases of lists or mappings (its guard against "billion laughs"); pac's theme
     * rows (a web file's {@code adx_theme}, written by js-yaml with {@code &o0 []} anchors) hold more. The guard is
     * kept here instead, on what matters: the values a file expands to ({@link #MAX_VALUES}) and how deep
     * ({@link #MAX_DEPTH}, which also stops an alias that contains itself).
     */
    private static final int MAX_ALIASES = 100_000;

    static final int MAX_VALUES = 1_000_000;
    static final int MAX_DEPTH = 100;

    private static final Pattern LINE_BREAK = Pattern.compile("[\n\u0085\u2028\u2029]");

    private final Yaml yaml;

    public SiteYaml() {
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setCodePointLimit(CODE_POINT_LIMIT);
        loaderOptions.setMaxAliasesForCollections(MAX_ALIASES);
        DumperOptions dumperOptions = new DumperOptions();
        dumperOptions.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumperOptions.setIndent(2);
        dumperOptions.setIndicatorIndent(0);
        dumperOptions.setAllowUnicode(true);
        dumperOptions.setSplitLines(false);
        dumperOptions.setWidth(Integer.MAX_VALUE);
        dumperOptions.setLineBreak(DumperOptions.LineBreak.UNIX);
        this.yaml = new Yaml(
                new SafeConstructor(loaderOptions),
                new RowRepresenter(dumperOptions),
                dumperOptions,
                loaderOptions,
                new CanonicalResolver());
    }

    /**
     * Reads a file of rows: a mapping is one row, a list of mappings is one row each, an empty file none.
     *
     * @param file     the file on disk
     * @param relative the same file relative to the site's root, for messages and sources
     */
    public List<YamlRow> readRows(Path file, Path relative) {
        Node root = compose(file, relative);
        List<YamlRow> rows = new ArrayList<>();
        if (root == null) {
            return rows;
        }
        Expansion expansion = new Expansion(relative);
        if (root instanceof MappingNode mapping) {
            rows.add(new YamlRow(mapping(mapping, expansion, 0), new SourceLocation(relative, line(root))));
        } else if (root instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (!(item instanceof MappingNode mapping)) {
                    throw new SiteFolderException(
                            new SourceLocation(relative, line(item)),
                            "expected a row (column: value lines), found " + describe(item));
                }
                rows.add(new YamlRow(mapping(mapping, expansion, 0), new SourceLocation(relative, line(item))));
            }
        } else if (root instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return rows;
        } else {
            throw new SiteFolderException(
                    new SourceLocation(relative, line(root)),
                    "expected a row (column: value lines) or a list of rows, found " + describe(root));
        }
        return rows;
    }

    /** Reads a file that holds one mapping (website.yml); {@code null} if the file is empty. */
    public YamlRow readRow(Path file, Path relative) {
        List<YamlRow> rows = readRows(file, relative);
        if (rows.size() > 1) {
            throw new SiteFolderException(rows.get(1).source(), "expected one row, found a list of " + rows.size());
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The YAML text of one row (a mapping) or of a list of rows, as pac lays it out. */
    public String write(Object rowOrRows) {
        return yaml.dump(rowOrRows);
    }

    private Node compose(Path file, Path relative) {
        try (InputStream in = Files.newInputStream(file);
                Reader reader = new UnicodeReader(in)) {
            return yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = "";
            if (e.getContext() != null) {
                context = e.getContextMark() != null && e.getContextMark().getLine() + 1 != line
                        ? " (" + e.getContext() + ", from line "
                                + (e.getContextMark().getLine() + 1) + ")"
                        : " (" + e.getContext() + ")";
            }
            throw new SiteFolderException(
                    new SourceLocation(relative, line), "malformed YAML: " + problem + context, e);
        } catch (YAMLException e) {
            throw new SiteFolderException(new SourceLocation(relative, 0), "malformed YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SiteFolderException(new SourceLocation(relative, 0), "cannot read: " + e.getMessage(), e);
        }
    }

    /** What one file has expanded to so far: aliases are copied, so a file's values are bounded here. */
    private static final class Expansion {

        private final Path relative;
        private int values;

        Expansion(Path relative) {
            this.relative = relative;
        }

        void count(Node node, int depth) {
            if (++values > MAX_VALUES || depth > MAX_DEPTH) {
                throw new SiteFolderException(
                        new SourceLocation(relative, line(node)),
                        "malformed YAML: its aliases expand to more than " + MAX_VALUES + " values or " + MAX_DEPTH
                                + " levels");
            }
        }
    }

    private Map<String, Object> mapping(MappingNode node, Expansion expansion, int depth) {
        expansion.count(node, depth);
        Path relative = expansion.relative;
        Map<String, Object> columns = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new SiteFolderException(
                        new SourceLocation(relative, line(tuple.getKeyNode())),
                        "expected a column name, found " + describe(tuple.getKeyNode()));
            }
            if (columns.containsKey(key.getValue())) {
                throw new SiteFolderException(
                        new SourceLocation(relative, line(key)),
                        "column '" + key.getValue() + "' appears twice in one row");
            }
            columns.put(key.getValue(), value(tuple.getValueNode(), expansion, depth + 1));
        }
        return columns;
    }

    private Object value(Node node, Expansion expansion, int depth) {
        if (node instanceof ScalarNode scalar) {
            expansion.count(node, depth);
            return scalar(scalar, expansion.relative);
        }
        if (node instanceof SequenceNode sequence) {
            expansion.count(node, depth);
            List<Object> items = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                items.add(value(item, expansion, depth + 1));
            }
            return items;
        }
        return mapping((MappingNode) node, expansion, depth);
    }

    private static Object scalar(ScalarNode node, Path relative) {
        String text = node.getValue();
        Tag tag = node.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.valueOf(text);
            }
            if (tag.equals(Tag.INT)) {
                try {
                    return Long.valueOf(text);
                } catch (NumberFormatException tooLong) {
                    return new BigDecimal(text);
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                return new BigDecimal(text);
            }
        } catch (NumberFormatException e) {
            throw new SiteFolderException(
                    new SourceLocation(relative, line(node)), "'" + text + "' is tagged " + tag + " but is not one");
        }
        return text;
    }

    private static int line(Node node) {
        return node.getStartMark() != null ? node.getStartMark().getLine() + 1 : 0;
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            String text = scalar.getValue();
            return "the value '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    /** How values are printed: null as nothing (pac's {@code key: }), decimals as written, text plain where it can be. */
    private static final class RowRepresenter extends Representer {

        RowRepresenter(DumperOptions options) {
            super(options);
            this.nullRepresenter = data -> representScalar(Tag.NULL, "");
            this.representers.put(BigDecimal.class, data -> {
                BigDecimal number = (BigDecimal) data;
                return representScalar(number.scale() <= 0 ? Tag.INT : Tag.FLOAT, number.toPlainString());
            });
            this.representers.put(String.class, new RepresentText());
        }

        /**
         * SnakeYAML would turn text with a control character into {@code !!binary}; a column's text stays text here
         * (double quotes escape it). Several lines go in a literal block, where that keeps every character.
         */
        private final class RepresentText implements Represent {
            @Override
            public Node representData(Object data) {
                String text = (String) data;
                if (!StreamReader.isPrintable(text)) {
                    return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
                }
                if (LINE_BREAK.matcher(text).find()) {
                    return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL);
                }
                return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.PLAIN);
            }
        }
    }
}
