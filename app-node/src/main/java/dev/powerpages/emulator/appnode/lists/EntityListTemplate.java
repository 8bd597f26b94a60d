package dev.powerpages.emulator.appnode.lists;

import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code 'entity_list'} web template the Power Pages runtime provides (REAL-SITES.md: three of six real sites
 * include it, none holds it): {@code {% include 'entity_list' key:'List name' %}} renders the list named by
 * {@code key} (name or id) — without a key, the list of the page ({@code adx_webpageid}) — as the design studio's list
 * component does.
 */
@Component
class EntityListTemplate implements BuiltInTemplate {

    @Override
    public String name() {
        return "entity_list";
    }

    @Override
    public String source() {
        return "{% " + ListGrid.TAG + " key: key %}";
    }
}
