package dev.powerpages.emulator.appnode.liquid;

/**
 * A web template the Power Pages runtime provides although no site folder holds it — sites include
 * {@code 'snippet'}, {@code 'Languages Dropdown'}, {@code 'entity_list'} or {@code 'Search'} and they render on the
 * platform. A Spring bean implementing this is found by {@code include} (and {@code extends}) when the site has no
 * web template of that name; a site's own template of the same name wins, as names match without regard to case.
 */
public interface BuiltInTemplate {

    /** The name templates include it by. */
    String name();

    /** Its Liquid source. */
    String source();
}
