package dev.powerpages.emulator.appnode.webapi;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Re-roots the store's OData annotations ({@code @odata.context}, {@code @odata.nextLink}, {@code @odata.id},
 * {@code @odata.editLink}, {@code x@odata.nextLink} of an expansion, …) on the site's own Web API. The store writes
 * them with its own service root ({@code http://store/api/data/v9.2/$metadata#accounts(name)}), an address a site
 * visitor can never reach; Power Pages answers {@code https://<site host>/_api/$metadata#accounts(name)}.
 *
 * <p>The store's answer is cached and shared between requests (whose host may differ), so it is never changed in
 * place: containers that hold a rewritten link are copied, everything else is shared with the cached answer.
 */
final class SiteApiLinks {

    /** Any absolute URL up to the Web API's root, with an environment's path prefix if any ({@code /fabrikam/api/…}). */
    private static final Pattern STORE_SERVICE_ROOT =
            Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+(?:/[^?#]*?)?/api/data/v\\d+\\.\\d+(?=[/?#$]|$)");

    private SiteApiLinks() {}

    /**
     * @param body        the store's answer (not modified)
     * @param siteApiRoot the site's Web API root as the visitor reached it, e.g. {@code https://www.contoso.example/_api}
     * @return the answer with every OData link annotation on {@code siteApiRoot}; {@code body} itself when none was
     */
    static JsonNode rebase(JsonNode body, String siteApiRoot) {
        if (body instanceof ObjectNode object) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                JsonNode value = property.getValue();
                JsonNode rebased = isAnnotation(property.getKey()) && value.isString()
                        ? rebaseLink(value, siteApiRoot)
                        : rebase(value, siteApiRoot);
                if (rebased != value && copy == null) {
                    copy = object.objectNode();
                    // Copy what came before unchanged, then go on putting every property (changed or not) in order.
                    for (Map.Entry<String, JsonNode> earlier : object.properties()) {
                        if (earlier.getKey().equals(property.getKey())) {
                            break;
                        }
                        copy.set(earlier.getKey(), earlier.getValue());
                    }
                }
                if (copy != null) {
                    copy.set(property.getKey(), rebased);
                }
            }
            return copy == null ? object : copy;
        }
        if (body instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                JsonNode rebased = rebase(element, siteApiRoot);
                if (rebased != element && copy == null) {
                    copy = array.arrayNode(array.size());
                    for (int j = 0; j < i; j++) {
                        copy.add(array.get(j));
                    }
                }
                if (copy != null) {
                    copy.add(rebased);
                }
            }
            return copy == null ? array : copy;
        }
        return body;
    }

    /** {@code @odata.context}, {@code @odata.nextLink}, and instance annotations such as {@code contact_customer_accounts@odata.nextLink}. */
    private static boolean isAnnotation(String name) {
        return name.contains("@odata.");
    }

    private static JsonNode rebaseLink(JsonNode link, String siteApiRoot) {
        Matcher root = STORE_SERVICE_ROOT.matcher(link.asString());
        if (!root.find()) {
            return link; // not a URL on the store's Web API (an etag, a count, a relative link)
        }
        return StringNode.valueOf(siteApiRoot + link.asString().substring(root.end()));
    }
}
