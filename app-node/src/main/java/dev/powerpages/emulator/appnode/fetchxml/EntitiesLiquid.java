package dev.powerpages.emulator.appnode.fetchxml;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Adds {@code entities} to every render: a row is read through the same engine as {@code fetchxml} (a query on the
 * table's key), so lookups, hidden columns, caching and table permissions are the same.
 */
@Component
class EntitiesLiquid implements LiquidExtension {

    private final FetchXmlTag fetchXml;

    EntitiesLiquid(FetchXmlTag fetchXml) {
        this.fetchXml = fetchXml;
    }

    @Override
    public void contribute(RenderScope scope, Map<String, Object> variables) {
        FetchXmlTag.Context context =
                new FetchXmlTag.Context(scope.site(), scope.request().user());
        SitePermissions permissions = scope.site().permissions();
        Set<String> roles = context.user() == null
                ? permissions.anonymousRoleIds()
                : context.user().roleIds(permissions);
        variables.put("entities", new EntitiesObject(new EntitiesObject.Loader() {
            @Override
            public Map<String, Object> load(String table, String id) {
                FetchXml query = FetchXmlEngine.parse("<fetch top=\"1\"><entity name=\"" + table
                        + "\"><all-attributes/><filter>" + "<condition attribute=\"" + fetchXml.primaryKey(table)
                        + "\" operator=\"eq\" value=\"" + id + "\"/></filter></entity></fetch>");
                try {
                    List<Map<String, Object>> rows =
                            fetchXml.run(query, context).entities();
                    return rows.isEmpty() ? null : rows.get(0);
                } catch (FetchXmlException ex) {
                    return null; // a table the store does not have: no such row, as Power Pages answers null
                }
            }

            @Override
            public SitePermissions.Access access(String table) {
                return permissions.access(roles, table);
            }
        }));
    }
}
