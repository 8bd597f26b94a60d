package dev.powerpages.emulator.appnode.render;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.cache.WebFileContentCache;
import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.languages.LanguagesDropdown;
import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.pagetemplates.RuntimePageTemplates;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.TestSiteProperties;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The site controller serving one snapshot, without a store or a server: what a visitor's GET gets (status,
 * headers, body), as the node answers it.
 */
public final class SiteHarness {

    private final SiteController controller;

    /**
     * The site with the node's Power Pages Liquid (every filter and tag package, the runtime's built-in templates,
     * ads and polls) as the Spring context has it, besides the features that need a store.
     */
    public static SiteHarness withPowerPagesLiquid(SiteSnapshot site, LiquidExtension... more) {
        UnsupportedLiquid unsupported = new UnsupportedLiquid();
        List<LiquidExtension> extensions = new java.util.ArrayList<>(
                dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.extensions(unsupported));
        extensions.addAll(List.of(more));
        List<BuiltInTemplate> builtIns =
                new java.util.ArrayList<>(dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.builtIns());
        builtIns.addAll(
                List.of(RuntimePageTemplates.accessDenied(), RuntimePageTemplates.profile(), new LanguagesDropdown()));
        return new SiteHarness(
                site,
                new LiquidRenderer(
                        LiquidFuzzTest.LIMITS,
                        new FetchXmlTag(null, null, null, null),
                        extensions,
                        builtIns,
                        unsupported));
    }

    public SiteHarness(SiteSnapshot site, LiquidExtension... extensions) {
        this(
                site,
                new LiquidRenderer(
                        LiquidFuzzTest.LIMITS,
                        new FetchXmlTag(null, null, null, null),
                        List.of(extensions),
                        List.of(
                                RuntimePageTemplates.accessDenied(),
                                RuntimePageTemplates.profile(),
                                new LanguagesDropdown()),
                        new UnsupportedLiquid()));
    }

    private SiteHarness(SiteSnapshot site, LiquidRenderer renderer) {
        SiteCache cache = mock(SiteCache.class);
        when(cache.current()).thenReturn(Optional.of(site));
        WebFileContentCache files = mock(WebFileContentCache.class);
        when(files.content(any()))
                .thenAnswer(call -> ("bytes of "
                                + call.getArgument(0, dev.powerpages.emulator.appnode.site.WebFile.class)
                                        .url())
                        .getBytes(StandardCharsets.UTF_8));
        this.controller = new SiteController(cache, files, new PageRouter(), renderer, TestSiteProperties.defaults());
    }

    /** An anonymous visitor's GET of a path with an optional query ({@code /about/?q=1}). */
    public Answer get(String pathAndQuery, Cookie... cookies) {
        return get(pathAndQuery, null, cookies);
    }

    /** A GET by a signed-in visitor ({@code null}: anonymous). */
    public Answer get(String pathAndQuery, SiteUser user, Cookie... cookies) {
        int query = pathAndQuery.indexOf('?');
        MockHttpServletRequest request =
                new MockHttpServletRequest("GET", query < 0 ? pathAndQuery : pathAndQuery.substring(0, query));
        if (query >= 0) {
            request.setQueryString(pathAndQuery.substring(query + 1));
            for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                request.addParameter(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        if (cookies.length > 0) {
            request.setCookies(cookies);
        }
        if (user != null) {
            request.setAttribute(SiteUser.REQUEST_ATTRIBUTE, user);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        ResponseEntity<?> entity = controller.serve(request, response);
        return new Answer(entity, response);
    }

    /** A response: status, headers (the entity's, else the servlet response's), body as text. */
    public record Answer(ResponseEntity<?> entity, MockHttpServletResponse response) {

        public int status() {
            return entity == null
                    ? response.getStatus()
                    : entity.getStatusCode().value();
        }

        public String header(String name) {
            String value = entity == null ? null : entity.getHeaders().getFirst(name);
            return value != null ? value : response.getHeader(name);
        }

        public String body() {
            Object body = entity == null ? null : entity.getBody();
            if (body instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            return body == null ? "" : body.toString();
        }
    }
}
