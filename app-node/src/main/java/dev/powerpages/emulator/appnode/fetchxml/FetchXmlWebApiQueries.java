package dev.powerpages.emulator.appnode.fetchxml;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.webapi.FetchXmlQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The Web API's {@code ?fetchXml=} through the same engine as the Liquid tag, rows in the Web API's shape. */
@Component
class FetchXmlWebApiQueries implements FetchXmlQueries {

    private final FetchXmlTag fetchXml;

    FetchXmlWebApiQueries(FetchXmlTag fetchXml) {
        this.fetchXml = fetchXml;
    }

    @Override
    public Result run(String xml, SiteSnapshot site, SiteUser user) {
        FetchXml query = FetchXmlEngine.parse(xml);
        FetchXmlEngine.Results results = fetchXml.run(query, new FetchXmlTag.Context(site, user));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> entity : results.entities()) {
            Map<String, Object> row = new LinkedHashMap<>();
            entity.forEach((column, value) -> {
                if (column.equals("id") || column.equals("logical_name")) {
                    return;
                }
                if (value instanceof Map<?, ?> reference && reference.containsKey("id")) {
                    int dot = column.lastIndexOf('.');
                    String name = dot < 0
                            ? "_" + column + "_value"
                            : column.substring(0, dot + 1) + "_" + column.substring(dot + 1) + "_value";
                    // Dataverse's order: the annotations, then the value (the Web API keeps them only when asked).
                    if (reference.get("name") != null) {
                        row.put(name + "@OData.Community.Display.V1.FormattedValue", reference.get("name"));
                    }
                    if (reference.get("logical_name") != null) {
                        row.put(name + "@Microsoft.Dynamics.CRM.lookuplogicalname", reference.get("logical_name"));
                    }
                    row.put(name, reference.get("id"));
                } else if (value instanceof OptionSetValue choice) {
                    row.put(column + "@OData.Community.Display.V1.FormattedValue", choice.label());
                    row.put(column, choice.number());
                } else {
                    row.put(column, value);
                }
            });
            rows.add(row);
        }
        List<String> columns = query.aggregate()
                        || query.root().allAttributes()
                        || query.root().attributes().isEmpty()
                ? null
                : query.root().attributes().stream()
                        .map(FetchXml.Attribute::name)
                        .toList();
        return new Result(query.root().name(), columns, rows);
    }
}
