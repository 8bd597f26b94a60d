package dev.powerpages.emulator.appnode.fetchxml;

import java.util.List;

/**
 * A FetchXML query as parsed ("Use FetchXml to construct a query", Dataverse docs; the elements and attributes the
 * Power Pages {@code fetchxml} tag documents): the root {@code <entity>} and its {@code <link-entity>} tree, each with
 * its attributes, orders and filter.
 *
 * @param top          {@code top}: at most this many rows, no paging
 * @param count        {@code count}: the page size
 * @param page         {@code page}, from 1
 * @param pagingCookie {@code paging-cookie} as sent (the emulator pages by number; the cookie is accepted and answered)
 * @param totalCount   {@code returntotalrecordcount="true"}
 * @param aggregate    {@code aggregate="true"}
 * @param distinct     {@code distinct="true"}
 */
record FetchXml(
        Integer top,
        Integer count,
        int page,
        String pagingCookie,
        boolean totalCount,
        boolean aggregate,
        boolean distinct,
        Entity root) {

    /** How a link-entity joins: inner and outer joins, and the filtering kinds that add no columns. */
    enum LinkType {
        ROOT,
        INNER,
        OUTER,
        EXISTS,
        NOT_ANY;

        boolean addsColumns() {
            return this == ROOT || this == INNER || this == OUTER;
        }
    }

    /**
     * The root entity or a link-entity.
     *
     * @param alias the name its columns are known by in results and conditions ({@code alias.column}); the root's is {@code null}
     * @param from  the linked table's column that must equal {@code to}
     * @param to    the parent's column
     */
    record Entity(
            String name,
            String alias,
            String from,
            String to,
            LinkType type,
            List<Attribute> attributes,
            boolean allAttributes,
            List<Order> orders,
            Filter filter,
            List<Entity> links) {}

    /** An {@code <attribute>}: plain, or aggregated / grouped in an aggregate query. */
    record Attribute(
            String name, String alias, String aggregate, boolean groupBy, String dateGrouping, boolean distinct) {

        /** What the result calls this value. */
        String resultName(String entityAlias) {
            if (alias != null) {
                return alias;
            }
            return entityAlias == null ? name : entityAlias + "." + name;
        }
    }

    /** An {@code <order>}: by a column of its entity, or by an aggregate's alias. */
    record Order(String attribute, String alias, boolean descending) {}

    /** A {@code <filter>} or a {@code <condition>}. */
    sealed interface Filter permits Group, Condition {}

    /** {@code <filter type="and|or">}. */
    record Group(boolean or, List<Filter> items) implements Filter {}

    /**
     * {@code <condition>}.
     *
     * @param entityName the alias of the link-entity the column belongs to ({@code entityname}), or {@code null}
     * @param valueOf    the column compared with ({@code valueof}), instead of values
     */
    record Condition(String entityName, String attribute, String operator, List<String> values, String valueOf)
            implements Filter {}
}
