package dev.powerpages.emulator.sitefolder;

import dev.powerpages.emulator.sitefolder.kinds.ContentJson;
import dev.powerpages.emulator.sitefolder.yaml.SiteYaml;
import dev.powerpages.emulator.sitefolder.yaml.YamlRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Compares two site folders file by file, as a person diffing them would judge them equal: YAML by what it says
 * (keys in any order, rows and list items in any order, a value's quoting aside), a solution's XML by its elements and
 * its content JSON, every other file byte for byte.
 */
public final class FolderComparison {

    private FolderComparison() {}

    /** The differences between the files of {@code expected} (less {@code ignored}) and those of {@code actual}. */
    public static List<String> differences(Path expected, Path actual, Set<Path> ignored) {
        Set<Path> expectedFiles = files(expected);
        expectedFiles.removeAll(ignored);
        Set<Path> actualFiles = files(actual);
        List<String> differences = new ArrayList<>();
        for (Path file : expectedFiles) {
            if (!actualFiles.contains(file)) {
                differences.add("not written: " + file);
            } else if (!sameContent(expected.resolve(file), actual.resolve(file), file)) {
                differences.add("differs: " + file);
            }
        }
        for (Path file : actualFiles) {
            if (!expectedFiles.contains(file) && !ignored.contains(file)) {
                differences.add("not in the original: " + file);
            }
        }
        return differences;
    }

    /** The files of a folder, relative to it, without version control's. */
    public static Set<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            Set<Path> files = new TreeSet<>();
            walk.filter(Files::isRegularFile)
                    .map(folder::relativize)
                    .filter(file -> !file.startsWith(".git") && !file.startsWith("node_modules"))
                    .forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean sameContent(Path expected, Path actual, Path relative) {
        String name = relative.getFileName().toString();
        try {
            if (name.endsWith(".yml")) {
                return normalise(yamlOf(expected, relative)).equals(normalise(yamlOf(actual, relative)));
            }
            if (name.endsWith(".xml")) {
                return normalise(xmlOf(expected)).equals(normalise(xmlOf(actual)));
            }
            return Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(actual));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object yamlOf(Path file, Path relative) {
        return new SiteYaml()
                .readRows(file, relative).stream().map(YamlRow::columns).toList();
    }

    /** An XML element as a tree of maps; a {@code content} element's JSON as the object it holds. */
    private static Object xmlOf(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            return element(factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement());
        } catch (Exception e) {
            throw new IllegalStateException("not XML: " + file, e);
        }
    }

    private static Object element(Element element) {
        Map<String, Object> tree = new TreeMap<>();
        tree.put("@name", element.getTagName());
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            Node attribute = element.getAttributes().item(i);
            tree.put("@" + attribute.getNodeName(), attribute.getNodeValue());
        }
        List<Object> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                children.add(element(childElement));
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        if (element.getTagName().equals("content")) {
            tree.put("@json", ContentJson.read(text.toString()));
        } else if (children.isEmpty()) {
            tree.put("@text", text.toString());
        }
        tree.put("@children", children);
        return tree;
    }

    /** Maps without order, lists as multisets: what the comparison ignores. */
    @SuppressWarnings("unchecked")
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), normalise(item)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(normalise(item)));
            items.sort(Comparator.comparing(Objects::toString));
            return items;
        }
        return value;
    }
}
