package dev.powerpages.emulator.sitefolder.solution;

import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An element of a solution's XML with the line it starts on, read with the JDK's StAX parser (no DTDs, no external
 * entities). The files are small and flat, so a tree is simpler to work with than a stream.
 */
record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children, int line) {

    private static final XMLInputFactory FACTORY = newFactory();

    static XmlElement parse(Path file, Path relative) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(in);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return element(reader);
                    }
                }
                throw new SiteFolderException(new SourceLocation(relative, 0), "malformed XML: no element");
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : 0;
            throw new SiteFolderException(
                    new SourceLocation(relative, Math.max(line, 0)),
                    "malformed XML: "
                            + e.getMessage()
                                    .replaceFirst("(?s)^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message: ", ""),
                    e);
        } catch (IOException e) {
            throw new SiteFolderException(new SourceLocation(relative, 0), "cannot read: " + e.getMessage(), e);
        }
    }

    Optional<XmlElement> child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    private static XmlElement element(XMLStreamReader reader) throws XMLStreamException {
        int line = reader.getLocation().getLineNumber();
        String name = reader.getLocalName();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element(reader));
                case XMLStreamConstants.CHARACTERS,
                        XMLStreamConstants.CDATA,
                        XMLStreamConstants.SPACE,
                        XMLStreamConstants.ENTITY_REFERENCE -> text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return new XmlElement(name, attributes, text.toString(), children, line);
                }
                default -> {}
            }
        }
        throw new XMLStreamException("element <" + name + "> is not closed", reader.getLocation());
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException notSupported) {
            // the JDK's parser supports it; another StAX implementation on the class path may not
        }
        return factory;
    }
}
