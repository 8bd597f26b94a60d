package dev.powerpages.emulator.appnode.site;

/**
 * A language the website offers ({@code adx_websitelanguage}), with what its portal language ({@code adx_portallanguage})
 * says about it.
 *
 * @param id          the website language row's id: what content pages, snippets and link sets name
 * @param code        the language code ({@code en-US}): the URL prefix of a multilingual site
 * @param displayName the name visitors see in the language switcher ({@code Deutsch}, {@code 日本語})
 * @param published   in a visible publishing state: only published languages are offered to visitors
 */
public record WebsiteLanguage(String id, String name, String code, int lcid, String displayName, boolean published) {}
