package dev.powerpages.emulator.appnode.fetchxml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * Reads a FetchXML document into {@link FetchXml}, refusing with a clear {@link FetchXmlException} what is malformed
 * or what the emulator does not run. No DTDs, no external entities: the XML comes from a template.
 */
final class FetchXmlParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_TOP = 5000;
    private static final Set<String> AGGREGATES = Set.of("count", "countcolumn", "sum", "avg", "min", "max");
    private static final Set<String> DATE_GROUPINGS =
            Set.of("day", "week", "month", "quarter", "year", "fiscal-period", "fiscal-year");

    private FetchXmlParser() {}

    static FetchXml parse(String fetchXml) {
        Element fetch = parseXml(fetchXml).getDocumentElement();
        if (!"fetch".equals(fetch.getTagName())) {
            throw new FetchXmlException("A FetchXML query starts with <fetch>, not <" + fetch.getTagName() + ">.");
        }
        List<Element> entities = children(fetch, "entity");
        if (entities.size() != 1) {
            throw new FetchXmlException("A FetchXML query has exactly one <entity>.");
        }
        Integer top = number(fetch, "top", MAX_TOP);
        Integer count = number(fetch, "count", MAX_TOP);
        Integer page = number(fetch, "page", Integer.MAX_VALUE);
        if (top != null && (count != null || page != null && page > 1)) {
            throw new FetchXmlException(
                    "<fetch top> cannot be combined with count and page: use count and page to page through results.");
        }
        boolean aggregate = flag(fetch, "aggregate");
        FetchXml.Entity root = entity(entities.get(0), null, FetchXml.LinkType.ROOT, aggregate, new int[] {0});
        // Orders written directly under <fetch> belong to the root entity.
        List<FetchXml.Order> fetchOrders = new ArrayList<>();
        for (Element order : children(fetch, "order")) {
            fetchOrders.add(order(order));
        }
        if (!fetchOrders.isEmpty()) {
            List<FetchXml.Order> orders = new ArrayList<>(fetchOrders);
            orders.addAll(root.orders());
            root = new FetchXml.Entity(
                    root.name(),
                    null,
                    null,
                    null,
                    FetchXml.LinkType.ROOT,
                    root.attributes(),
                    root.allAttributes(),
                    List.copyOf(orders),
                    root.filter(),
                    root.links());
        }
        if (aggregate
                && root.attributes().stream()
                        .noneMatch(attribute -> attribute.aggregate() != null || attribute.groupBy())
                && root.links().isEmpty()) {
            throw new FetchXmlException("An aggregate FetchXML query needs an <attribute> with aggregate or groupby.");
        }
        return new FetchXml(
                top,
                count,
                page == null ? 1 : page,
                emptyToNull(fetch.getAttribute("paging-cookie")),
                flag(fetch, "returntotalrecordcount"),
                aggregate,
                flag(fetch, "distinct"),
                root);
    }

    private static FetchXml.Entity entity(
            Element element, String alias, FetchXml.LinkType type, boolean aggregate, int[] linkNumber) {
        String table = name(element.getAttribute("name"), "entity name").toLowerCase(Locale.ROOT);
        String from = null;
        String to = null;
        if (type != FetchXml.LinkType.ROOT) {
            from = name(element.getAttribute("from"), "link-entity from").toLowerCase(Locale.ROOT);
            to = name(element.getAttribute("to"), "link-entity to").toLowerCase(Locale.ROOT);
        }
        List<FetchXml.Attribute> attributes = new ArrayList<>();
        boolean allAttributes = flag(element, "all-attributes");
        List<FetchXml.Order> orders = new ArrayList<>();
        List<FetchXml.Filter> filters = new ArrayList<>();
        List<FetchXml.Entity> links = new ArrayList<>();
        for (Element child : children(element, null)) {
            switch (child.getTagName()) {
                case "attribute" -> attributes.add(attribute(child, aggregate));
                case "all-attributes" -> allAttributes = true;
                case "order" -> orders.add(order(child));
                case "filter" -> filters.add(filter(child));
                case "link-entity" -> {
                    linkNumber[0]++;
                    String linkAlias = child.getAttribute("alias").isEmpty()
                            ? child.getAttribute("name").toLowerCase(Locale.ROOT) + linkNumber[0]
                            : name(child.getAttribute("alias"), "link-entity alias");
                    links.add(
                            entity(child, linkAlias, linkType(child.getAttribute("link-type")), aggregate, linkNumber));
                }
                default ->
                    throw new FetchXmlException(
                            "<" + child.getTagName() + "> is not supported in <" + element.getTagName() + ">.");
            }
        }
        FetchXml.Filter filter = filters.isEmpty()
                ? null
                : filters.size() == 1 ? filters.get(0) : new FetchXml.Group(false, List.copyOf(filters));
        return new FetchXml.Entity(
                table,
                alias,
                from,
                to,
                type,
                List.copyOf(attributes),
                allAttributes,
                List.copyOf(orders),
                filter,
                List.copyOf(links));
    }

    private static FetchXml.LinkType linkType(String type) {
        return switch (type.isEmpty() ? "inner" : type.toLowerCase(Locale.ROOT)) {
            case "inner" -> FetchXml.LinkType.INNER;
            case "outer" -> FetchXml.LinkType.OUTER;
            case "exists", "in", "any", "matchfirstrowusingcrossapply" -> FetchXml.LinkType.EXISTS;
            case "not any" -> FetchXml.LinkType.NOT_ANY;
            default ->
                throw new FetchXmlException("The link-type '" + type
                        + "' is not supported by the emulator (inner, outer, exists, in, any, not any).");
        };
    }

    private static FetchXml.Attribute attribute(Element element, boolean aggregate) {
        String name = name(element.getAttribute("name"), "attribute name").toLowerCase(Locale.ROOT);
        String function = emptyToNull(element.getAttribute("aggregate"));
        if (function != null) {
            function = function.toLowerCase(Locale.ROOT);
            if (!aggregate) {
                throw new FetchXmlException("<attribute aggregate> needs <fetch aggregate=\"true\">.");
            }
            if (!AGGREGATES.contains(function)) {
                throw new FetchXmlException(
                        "The aggregate '" + function + "' is not one of count, countcolumn, sum, avg, min, max.");
            }
        }
        String dateGrouping = emptyToNull(element.getAttribute("dategrouping"));
        if (dateGrouping != null && !DATE_GROUPINGS.contains(dateGrouping.toLowerCase(Locale.ROOT))) {
            throw new FetchXmlException(
                    "The dategrouping '" + dateGrouping + "' is not one of " + DATE_GROUPINGS + ".");
        }
        String alias = emptyToNull(element.getAttribute("alias"));
        boolean groupBy = flag(element, "groupby");
        if (aggregate && (function != null || groupBy) && alias == null) {
            throw new FetchXmlException("In an aggregate query, <attribute name=\"" + name + "\"> needs an alias.");
        }
        return new FetchXml.Attribute(
                name,
                alias == null ? null : name(alias, "attribute alias"),
                function,
                groupBy,
                dateGrouping == null ? null : dateGrouping.toLowerCase(Locale.ROOT),
                flag(element, "distinct"));
    }

    private static FetchXml.Order order(Element element) {
        String attribute = emptyToNull(element.getAttribute("attribute"));
        String alias = emptyToNull(element.getAttribute("alias"));
        if (attribute == null && alias == null) {
            throw new FetchXmlException("An <order> names an attribute or an alias.");
        }
        return new FetchXml.Order(
                attribute == null ? null : name(attribute, "order attribute").toLowerCase(Locale.ROOT),
                alias == null ? null : name(alias, "order alias"),
                flag(element, "descending"));
    }

    private static FetchXml.Filter filter(Element element) {
        String type = element.getAttribute("type").isEmpty()
                ? "and"
                : element.getAttribute("type").toLowerCase(Locale.ROOT);
        if (!type.equals("and") && !type.equals("or")) {
            throw new FetchXmlException("A <filter> type is 'and' or 'or', not '" + type + "'.");
        }
        List<FetchXml.Filter> items = new ArrayList<>();
        for (Element child : children(element, null)) {
            switch (child.getTagName()) {
                case "condition" -> items.add(condition(child));
                case "filter" -> items.add(filter(child));
                default -> throw new FetchXmlException("<" + child.getTagName() + "> is not supported in <filter>.");
            }
        }
        return new FetchXml.Group(type.equals("or"), List.copyOf(items));
    }

    private static FetchXml.Condition condition(Element element) {
        String attribute =
                name(element.getAttribute("attribute"), "condition attribute").toLowerCase(Locale.ROOT);
        String operator = element.getAttribute("operator").strip().toLowerCase(Locale.ROOT);
        if (!FetchXmlConditions.supports(operator)) {
            throw new FetchXmlException("The condition operator '" + operator + "' is not supported by the emulator.");
        }
        List<String> values = new ArrayList<>();
        if (element.hasAttribute("value")) {
            values.add(element.getAttribute("value"));
        }
        for (Element value : children(element, "value")) {
            values.add(value.getTextContent().strip());
        }
        String entityName = emptyToNull(element.getAttribute("entityname"));
        String valueOf = emptyToNull(element.getAttribute("valueof"));
        FetchXmlConditions.checkValues(operator, attribute, values, valueOf);
        return new FetchXml.Condition(
                entityName == null ? null : name(entityName, "condition entityname"),
                attribute,
                operator,
                List.copyOf(values),
                valueOf == null ? null : valueOf.toLowerCase(Locale.ROOT));
    }

    private static Integer number(Element fetch, String attribute, int max) {
        String value = fetch.getAttribute(attribute);
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw new FetchXmlException(
                    "<fetch " + attribute + "> is a number from 1 to " + max + ", not '" + value + "'.");
        }
        return Integer.parseInt(value);
    }

    private static boolean flag(Element element, String attribute) {
        String value = element.getAttribute(attribute);
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }

    private static String name(String value, String what) {
        if (!NAME.matcher(value).matches()) {
            throw new FetchXmlException("The " + what + " '" + value + "' is not a valid column or table name.");
        }
        return value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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

    private static Document parseXml(String xml) {
        try {
            // The JDK's own parser, named directly: newInstance() looks the implementation up on the class path at
            // each call, which in the node's nested jar reads the jar for every fetchxml block a page renders (a fifth
            // of a FetchXML-heavy page's CPU in a JFR profile, docs/benchmarks.md).
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
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
        } catch (SAXException | java.io.IOException ex) {
            throw new FetchXmlException("The FetchXML is not well-formed XML: " + ex.getMessage());
        } catch (ParserConfigurationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
