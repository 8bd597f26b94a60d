package dev.powerpages.emulator.appnode.fetchxml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Translates the FetchXML subset Power Pages templates use into OData query options, because the store's Web API
 * answers OData queries but not {@code ?fetchXml=}: {@code <fetch top|count|returntotalrecordcount>},
 * {@code <entity name>}, {@code <attribute>}/{@code <all-attributes/>}, {@code <order attribute descending>},
 * nested {@code <filter type="and|or">} with {@code <condition attribute operator value>} for {@code eq},
 * {@code ne}/{@code neq}, {@code gt}, {@code ge}, {@code lt}, {@code le}, {@code like}/{@code not-like} ({@code %}
 * at the start and/or end), {@code begins-with}, {@code ends-with}, {@code null}, {@code not-null} and {@code in}
 * ({@code <value>} children).
 *
 * <p>Values are written as OData literals by their look: numbers, {@code true}/{@code false} and GUIDs unquoted,
 * anything else as a quoted string (FetchXML values carry no type). A GUID compared with a column other than the
 * table's primary key is taken to be a lookup and compared with {@code _<column>_value}, as the Web API names it.
 * Not translated (a clear error instead): {@code link-entity}, aggregates, paging cookies and other operators.
 */
public final class FetchXmlTranslator {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern GUID = Pattern.compile("\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_TOP = 5000;

    private FetchXmlTranslator() {
    }

    public static FetchXmlQuery translate(String fetchXml) {
        Element fetch = parse(fetchXml).getDocumentElement();
        if (!"fetch".equals(fetch.getTagName())) {
            throw new FetchXmlException("A FetchXML query starts with <fetch>, not <" + fetch.getTagName() + ">.");
        }
        if ("true".equalsIgnoreCase(fetch.getAttribute("aggregate"))) {
            throw new FetchXmlException("Aggregate FetchXML queries are not supported by the emulator.");
        }
        if (!fetch.getAttribute("paging-cookie").isEmpty() || !fetch.getAttribute("page").isEmpty() && !"1".equals(fetch.getAttribute("page"))) {
            throw new FetchXmlException("FetchXML paging (page, paging-cookie) is not supported by the emulator; use top or count.");
        }
        List<Element> entities = children(fetch, "entity");
        if (entities.size() != 1) {
            throw new FetchXmlException("A FetchXML query has exactly one <entity>.");
        }
        Element entity = entities.get(0);
        String table = name(entity.getAttribute("name"), "entity name").toLowerCase(Locale.ROOT);
        Integer top = number(fetch, "top");
        Integer count = number(fetch, "count");
        Integer limit = top != null ? top : count;
        List<String> attributes = new ArrayList<>();
        boolean allAttributes = false;
        List<String> orders = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (Element child : children(entity, null)) {
            switch (child.getTagName()) {
                case "attribute" -> attributes.add(name(child.getAttribute("name"), "attribute name"));
                case "all-attributes" -> allAttributes = true;
                case "order" -> orders.add(name(child.getAttribute("attribute"), "order attribute")
                        + ("true".equalsIgnoreCase(child.getAttribute("descending")) ? " desc" : " asc"));
                case "filter" -> {
                    String filter = filter(child, table);
                    if (filter != null) {
                        filters.add(filter);
                    }
                }
                case "link-entity" -> throw new FetchXmlException("<link-entity> is not supported by the emulator's FetchXML translation.");
                default -> throw new FetchXmlException("<" + child.getTagName() + "> is not supported in <entity>.");
            }
        }
        return new FetchXmlQuery(table, allAttributes ? List.of() : List.copyOf(attributes),
                filters.isEmpty() ? null : filters.size() == 1 ? filters.get(0) : "(" + String.join(") and (", filters) + ")",
                orders.isEmpty() ? null : String.join(",", orders), limit,
                "true".equalsIgnoreCase(fetch.getAttribute("returntotalrecordcount")));
    }

    private static String filter(Element filter, String table) {
        String type = filter.getAttribute("type").isEmpty() ? "and" : filter.getAttribute("type").toLowerCase(Locale.ROOT);
        if (!type.equals("and") && !type.equals("or")) {
            throw new FetchXmlException("A <filter> type is 'and' or 'or', not '" + type + "'.");
        }
        List<String> parts = new ArrayList<>();
        for (Element child : children(filter, null)) {
            switch (child.getTagName()) {
                case "condition" -> parts.add(condition(child, table));
                case "filter" -> {
                    String nested = filter(child, table);
                    if (nested != null) {
                        parts.add("(" + nested + ")");
                    }
                }
                default -> throw new FetchXmlException("<" + child.getTagName() + "> is not supported in <filter>.");
            }
        }
        return parts.isEmpty() ? null : String.join(" " + type + " ", parts);
    }

    private static String condition(Element condition, String table) {
        if (!condition.getAttribute("entityname").isEmpty()) {
            throw new FetchXmlException("Conditions on linked tables (entityname) are not supported by the emulator.");
        }
        String attribute = name(condition.getAttribute("attribute"), "condition attribute");
        String operator = condition.getAttribute("operator").toLowerCase(Locale.ROOT);
        String value = condition.getAttribute("value");
        String column = GUID.matcher(value).matches() && !attribute.equalsIgnoreCase(table + "id") ? "_" + attribute + "_value" : attribute;
        return switch (operator) {
            case "eq" -> column + " eq " + literal(value);
            case "ne", "neq" -> column + " ne " + literal(value);
            case "gt", "ge", "lt", "le" -> column + " " + operator + " " + literal(value);
            case "null" -> attribute + " eq null";
            case "not-null" -> attribute + " ne null";
            case "begins-with" -> "startswith(" + attribute + "," + quoted(value) + ")";
            case "ends-with" -> "endswith(" + attribute + "," + quoted(value) + ")";
            case "like" -> like(attribute, value);
            case "not-like" -> "not " + like(attribute, value);
            case "in" -> {
                List<String> values = new ArrayList<>();
                for (Element item : children(condition, "value")) {
                    values.add(item.getTextContent().strip());
                }
                if (values.isEmpty()) {
                    throw new FetchXmlException("An 'in' condition on " + attribute + " needs <value> elements.");
                }
                String inColumn = GUID.matcher(values.get(0)).matches() && !attribute.equalsIgnoreCase(table + "id") ? "_" + attribute + "_value" : attribute;
                yield "(" + String.join(" or ", values.stream().map(item -> inColumn + " eq " + literal(item)).toList()) + ")";
            }
            default -> throw new FetchXmlException("The condition operator '" + operator + "' is not supported by the emulator.");
        };
    }

    /** {@code like} with {@code %} at the start, end or both; a wildcard elsewhere cannot be expressed in OData. */
    private static String like(String attribute, String pattern) {
        boolean leading = pattern.startsWith("%");
        boolean trailing = pattern.length() > 1 && pattern.endsWith("%");
        String core = pattern.substring(leading ? 1 : 0, pattern.length() - (trailing ? 1 : 0));
        if (core.contains("%")) {
            throw new FetchXmlException("A 'like' value may have % only at its start and end: '" + pattern + "'.");
        }
        if (leading && trailing) {
            return "contains(" + attribute + "," + quoted(core) + ")";
        }
        if (trailing) {
            return "startswith(" + attribute + "," + quoted(core) + ")";
        }
        if (leading) {
            return "endswith(" + attribute + "," + quoted(core) + ")";
        }
        return attribute + " eq " + quoted(core);
    }

    private static String literal(String value) {
        if (NUMBER.matcher(value).matches() || "true".equals(value) || "false".equals(value)) {
            return value;
        }
        if (GUID.matcher(value).matches()) {
            return value.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
        }
        return quoted(value);
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static Integer number(Element fetch, String attribute) {
        String value = fetch.getAttribute(attribute);
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_TOP) {
            throw new FetchXmlException("<fetch " + attribute + "> is a number from 1 to " + MAX_TOP + ", not '" + value + "'.");
        }
        return Integer.parseInt(value);
    }

    private static String name(String value, String what) {
        if (!NAME.matcher(value).matches()) {
            throw new FetchXmlException("The " + what + " '" + value + "' is not a valid column or table name.");
        }
        return value;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (tag == null || tag.equals(element.getTagName()))) {
                children.add(element);
            }
        }
        return children;
    }

    /** No DTDs, no external entities: the XML comes from a template, which a maker (not the node) controls. */
    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException ex) throws SAXException {
                    throw ex; // reported in the exception, not on standard error
                }
            });
            return builder.parse(new InputSource(new StringReader(xml.strip())));
        }
        catch (SAXException | java.io.IOException ex) {
            throw new FetchXmlException("The FetchXML is not well-formed XML: " + ex.getMessage());
        }
        catch (ParserConfigurationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
