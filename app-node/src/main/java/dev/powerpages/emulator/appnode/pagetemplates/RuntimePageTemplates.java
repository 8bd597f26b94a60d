package dev.powerpages.emulator.appnode.pagetemplates;

import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in templates behind the rewrite pages the emulator renders itself (see {@link RewritePages}); the
 * Search page's built-in ({@code Search}) belongs to the search feature.
 *
 * <p>{@code AccessDenied}: the page's title and copy — the copy of the site's Access Denied page says why. Power
 * Pages shows it with status 403 to signed-in visitors a page is restricted from.
 *
 * <p>{@code Profile}: the page's title and copy, and the signed-in contact's name and e-mail. Power Pages' profile
 * form (editing the contact, preferred language, marketing preferences) is not emulated; the page says so in an
 * HTML comment.
 */
@Configuration(proxyBeanMethods = false)
public class RuntimePageTemplates {

    @Bean
    BuiltInTemplate accessDeniedPage() {
        return accessDenied();
    }

    @Bean
    BuiltInTemplate profilePage() {
        return profile();
    }

    /** {@code ~/Pages/AccessDenied.aspx}. */
    public static BuiltInTemplate accessDenied() {
        return builtIn(
                "AccessDenied",
                "<div class=\"container\"><div class=\"page-heading\"><h1>{{ page.title | escape }}</h1></div>"
                        + "<div class=\"page-copy\">{{ page.adx_copy }}</div></div>");
    }

    /** {@code ~/Pages/Profile.aspx}. */
    public static BuiltInTemplate profile() {
        return builtIn(
                RewritePages.PROFILE,
                "<div class=\"container\"><div class=\"page-heading\"><h1>{{ page.title | escape }}</h1></div>"
                        + "<div class=\"page-copy\">{{ page.adx_copy }}</div>"
                        + "{% if user %}<dl class=\"profile\"><dt>Name</dt><dd>{{ user.fullname }}</dd>"
                        + "<dt>E-mail</dt><dd>{{ user.emailaddress1 }}</dd></dl>{% endif %}"
                        + "<!-- Power Pages Stack Emulator: the profile form is not emulated --></div>");
    }

    private static BuiltInTemplate builtIn(String name, String source) {
        return new BuiltInTemplate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String source() {
                return source;
            }
        };
    }
}
