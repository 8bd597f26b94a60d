package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.languages.LanguageObjects;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.limits.RenderThreads;
import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import dev.powerpages.emulator.appnode.liquid.LiquidErrors;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidSourceParser;
import dev.powerpages.emulator.appnode.liquid.ParsedLiquid;
import dev.powerpages.emulator.appnode.liquid.ParsedLiquidCache;
import dev.powerpages.emulator.appnode.liquid.ParsedLiquidCacheProperties;
import dev.powerpages.emulator.appnode.liquid.PowerPagesLiquidSyntax;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.liquid.WebTemplateInclude;
import dev.powerpages.emulator.appnode.pagetemplates.PageLayout;
import dev.powerpages.emulator.appnode.pagetemplates.RewritePages;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.site.PageTemplate;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebTemplate;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import dev.powerpages.emulator.appnode.sitemap.NavigationObjects;
import dev.powerpages.emulator.appnode.sitemap.SiteMapView;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import liqp.TemplateParser;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Renders a page the way Power Pages does: page → page template → web template, Liquid with the objects listed in
 * docs/architecture.md and docs/app-node.md. Unknown names render empty (liqp's non-strict variables). Power
 * Pages' own tag forms (parameterised {@code include}, {@code extends}/{@code block}, {@code elseif}, unknown tags)
 * are handled by {@link LayoutInheritance}, {@link PowerPagesLiquidSyntax} and {@link WebTemplateInclude}; its
 * filters and other tags come from the {@link LiquidExtension} beans of {@code appnode.liquid}.
 *
 * <p>A page's composed source is rewritten, checked and parsed once and kept in the {@link ParsedLiquidCache} by
 * the source itself, so a site edit is simply a new source; included templates, snippets and copy rendered as Liquid
 * share the cache ({@code NestedLiquid}). What is kept and shared between concurrent renders is liqp's parse tree,
 * not its {@code Template}, which is not safe to render from several threads at once (liqp issue #287; see
 * {@link ParsedLiquid}). The {@link TemplateParser} (configuration, no render state) is shared too. The snapshot's web
 * templates reach {@code include} through a context variable, so one parser serves every snapshot.
 */
@Component
public class LiquidRenderer implements DisposableBean {

    private final TemplateParser parser;
    private final LiquidLimits limits;
    private final List<LiquidExtension> extensions;
    private final List<BuiltInTemplate> builtIns;
    private final UnsupportedLiquid unsupported;
    private final ParsedLiquidCache parsedLiquid;
    /** Time-limited renders run here (liqp waits on them); the request's context travels along. */
    private final ExecutorService renderThreads = RenderThreads.create();

    /**
     * @param limits     bounds on one render's loops, time and size ({@code liquid.*}), see {@link LiquidLimits}
     * @param fetchXml   the {@code fetchxml} block, which reads the store through the node's Web API
     * @param extensions the tags, filters and objects of the feature packages, see {@link LiquidExtension}
     * @param builtIns   the templates the runtime provides, found when a site has none of that name
     */
    public LiquidRenderer(
            LiquidLimits limits,
            FetchXmlTag fetchXml,
            List<LiquidExtension> extensions,
            List<BuiltInTemplate> builtIns) {
        this(limits, fetchXml, extensions, builtIns, null);
    }

    /**
     * @param unsupported where a page template the emulator cannot render is reported ({@code null}: not reported)
     */
    public LiquidRenderer(
            LiquidLimits limits,
            FetchXmlTag fetchXml,
            List<LiquidExtension> extensions,
            List<BuiltInTemplate> builtIns,
            UnsupportedLiquid unsupported) {
        this(
                limits,
                fetchXml,
                extensions,
                builtIns,
                unsupported,
                new ParsedLiquidCache(ParsedLiquidCacheProperties.DEFAULTS));
    }

    /**
     * @param parsedLiquid where the parses of this renderer's sources are kept ({@code liquid.parse-cache.*})
     */
    @Autowired
    public LiquidRenderer(
            LiquidLimits limits,
            FetchXmlTag fetchXml,
            List<LiquidExtension> extensions,
            List<BuiltInTemplate> builtIns,
            UnsupportedLiquid unsupported,
            ParsedLiquidCache parsedLiquid) {
        this.limits = limits;
        this.parsedLiquid = parsedLiquid;
        this.extensions = List.copyOf(extensions);
        this.builtIns = List.copyOf(builtIns);
        this.unsupported = unsupported;
        TemplateParser.Builder builder = limits.parserBuilder()
                .withTag(new WebTemplateInclude(limits.maxNesting()))
                .withBlock(fetchXml);
        this.extensions.forEach(extension -> extension.register(builder));
        this.parser = builder.build();
    }

    /**
     * Renders a page through its page template: a Web Template page template renders its web template (and the
     * layouts it extends); a Rewrite one the runtime's built-in page for its rewrite URL ({@link RewritePages});
     * either inside the site's master page with the website's header and footer when the template says so
     * ({@link PageLayout}).
     */
    public RenderedPage render(SiteSnapshot site, WebPage page, RequestInfo request) {
        Map<String, WebTemplate> templates = templates(site);
        PageTemplate pageTemplate = site.pageTemplateOf(page).orElse(null);
        WebTemplate template = pageTemplate == null ? null : contentTemplate(site, page, pageTemplate, templates);
        if (template == null) {
            throw new TemplateRenderException(
                    "(none)", "Page '" + page.name() + "' has no page template with a web template", 0, null);
        }
        List<WebTemplate> chain = LayoutInheritance.chain(template, templates::get);
        long size = chain.stream()
                .mapToLong(link -> link.source() == null ? 0 : link.source().length())
                .sum();
        if (size > limits.maxTemplateBytes()) {
            // Before composing: the layout regexes and liqp's lexer would otherwise pass over all of it first.
            throw new TemplateRenderException(
                    template.name(),
                    "the template and its layouts are " + size + " characters long, over the node's limit of "
                            + limits.maxTemplateBytes() + " (liquid.max-template-bytes)",
                    0,
                    null);
        }
        String composed = compose(template, pageTemplate, chain, templates);
        ParsedLiquid parsed = parsedLiquid.get(
                new ParsedLiquidCache.Key(parser, limits.maxNesting(), composed),
                () -> parse(template, chain, composed));
        try {
            String body = parsed.render(variables(site, page, request), renderThreads);
            String mimeType =
                    template.mimeType() == null || template.mimeType().isBlank() ? "text/html" : template.mimeType();
            return new RenderedPage(body, mimeType);
        } catch (RuntimeException ex) {
            TemplateRenderException fromInclude = findCause(ex, TemplateRenderException.class);
            if (fromInclude != null) {
                throw fromInclude;
            }
            String where = chain.size() == 1
                    ? template.name()
                    : template.name() + " (composed with its layouts "
                            + chain.stream().skip(1).map(WebTemplate::name).toList() + ")";
            throw new TemplateRenderException(where, rootMessage(ex), LiquidErrors.line(ex), ex);
        } catch (StackOverflowError ex) {
            throw TemplateRenderException.nestedTooDeeply(template.name(), ex);
        }
    }

    /** The template with the layouts it extends, inside the site's master page when the page template says so. */
    private static String compose(
            WebTemplate template,
            PageTemplate pageTemplate,
            List<WebTemplate> chain,
            Map<String, WebTemplate> templates) {
        try {
            String composed = LayoutInheritance.compose(chain);
            if (pageTemplate.useWebsiteHeaderAndFooter()) {
                composed = PageLayout.wrap(
                        composed, templates.containsKey(PageLayout.HEADER), templates.containsKey(PageLayout.FOOTER));
            }
            return composed;
        } catch (StackOverflowError ex) {
            // Blocks are composed recursively, one level per nested block (found by LiquidFuzzTest).
            throw TemplateRenderException.nestedTooDeeply(template.name(), ex);
        }
    }

    /**
     * The composed source rewritten ({@link PowerPagesLiquidSyntax}), checked against the nesting and size limits and
     * parsed: what {@link ParsedLiquidCache} keeps once it succeeds. A parse error names the template of the layout
     * chain at fault and the line in its own source.
     */
    private ParsedLiquid parse(WebTemplate template, List<WebTemplate> chain, String composed) {
        return LiquidSourceParser.parse(
                parser, composed, limits.maxNesting(), template.name(), ex -> locateParseError(chain, ex));
    }

    /**
     * The web template a page's template renders: its web template (Web Template type); for a Rewrite type the
     * template named after the runtime page ({@link RewritePages}), else the page template's web template, else the
     * page's copy (reported as not emulated).
     */
    private WebTemplate contentTemplate(
            SiteSnapshot site, WebPage page, PageTemplate pageTemplate, Map<String, WebTemplate> templates) {
        if (pageTemplate.rendersWebTemplate()) {
            return templateById(site, pageTemplate.webTemplateId());
        }
        // The runtime page's template: the site's own of that name, else the built-in one (as include finds them).
        String name = RewritePages.builtInName(pageTemplate).orElse(null);
        if (name != null && templates.containsKey(name)) {
            return templates.get(name);
        }
        if (templateById(site, pageTemplate.webTemplateId()) != null) {
            return templateById(site, pageTemplate.webTemplateId());
        }
        String feature = "page template "
                + (pageTemplate.rewriteUrl() == null ? pageTemplate.name() : pageTemplate.rewriteUrl());
        String note = unsupported == null ? "" : unsupported.use(site.websiteId(), feature);
        return new WebTemplate(
                "builtin:rewrite", pageTemplate.name(), "{{ page.adx_copy }}" + note.replace("{", "&#123;"), null);
    }

    private static WebTemplate templateById(SiteSnapshot site, String id) {
        return id == null ? null : site.webTemplatesById().get(id);
    }

    /**
     * The site's web templates by name (without regard to case), over the runtime's built-in ones, and the website's
     * header and footer templates under the names the master page includes them by.
     */
    private Map<String, WebTemplate> templates(SiteSnapshot site) {
        return site.derived(BuiltInTemplate.class, snapshot -> {
            Map<String, WebTemplate> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            builtIns.forEach(builtIn -> byName.put(
                    builtIn.name(),
                    new WebTemplate("builtin:" + builtIn.name(), builtIn.name(), builtIn.source(), null)));
            byName.putAll(snapshot.webTemplatesByName());
            if (snapshot.website() != null) {
                WebTemplate header = templateById(snapshot, snapshot.website().text("_adx_headerwebtemplateid_value"));
                WebTemplate footer = templateById(snapshot, snapshot.website().text("_adx_footerwebtemplateid_value"));
                if (header != null) {
                    byName.put(PageLayout.HEADER, header);
                }
                if (footer != null) {
                    byName.put(PageLayout.FOOTER, footer);
                }
            }
            return java.util.Collections.unmodifiableMap(byName);
        });
    }

    /**
     * A parse error in the composed source: parse each template of the layout chain on its own to name the one at
     * fault and the line in its own source.
     */
    private TemplateRenderException locateParseError(List<WebTemplate> chain, RuntimeException composedError) {
        if (chain.size() > 1) {
            for (WebTemplate candidate : chain) {
                try {
                    parser.parse(
                            PowerPagesLiquidSyntax.rewrite(LayoutInheritance.standalone(candidate.source()), parser));
                } catch (RuntimeException ex) {
                    return new TemplateRenderException(candidate.name(), rootMessage(ex), LiquidErrors.line(ex), ex);
                } catch (StackOverflowError ex) {
                    return TemplateRenderException.nestedTooDeeply(candidate.name(), ex);
                }
            }
        }
        return new TemplateRenderException(
                chain.get(0).name(), rootMessage(composedError), LiquidErrors.line(composedError), composedError);
    }

    /**
     * The most specific message: liqp's time-limited render wraps every failure in "Oops, something unexpected
     * happened" with the real reason (a missing filter, an exceeded limit) as its cause.
     */
    private static String rootMessage(Throwable ex) {
        String message = null;
        for (Throwable current = ex;
                current != null;
                current = current.getCause() == current ? null : current.getCause()) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getMessage();
            }
            if (current instanceof java.util.concurrent.TimeoutException) {
                return "rendering took longer than the node allows (liquid.max-render-time)";
            }
        }
        return message != null ? message : ex.getClass().getSimpleName();
    }

    private Map<String, Object> variables(SiteSnapshot site, WebPage page, RequestInfo request) {
        Map<String, Object> variables = new HashMap<>();
        RenderScope scope = new RenderScope(site, page, request);
        WebsiteLanguage language = request.language();
        SiteMapView siteMap = new SiteMapView(site, language, request.user(), page);
        variables.put(RenderScope.VARIABLE, scope);
        variables.put(WebTemplateInclude.TEMPLATES, templates(site));
        variables.put(ParsedLiquidCache.VARIABLE, parsedLiquid);
        variables.put("page", PageDrop.of(siteMap, page, request));
        variables.put("sitemap", siteMap.sitemapObject());
        variables.put("website", website(site, request));
        variables.put("snippets", site.snippets(language));
        variables.put("settings", site.settings());
        variables.put("sitemarkers", NavigationObjects.siteMarkers(siteMap));
        variables.put("weblinks", NavigationObjects.webLinks(siteMap));
        // Power Pages HTML-encodes the request object (since 9.3.8) so templates cannot echo markup from the URL.
        Map<String, Object> requestObject = requestObject(request);
        variables.put("request", requestObject);
        variables.put("params", requestObject.get("params"));
        variables.put("now", ZonedDateTime.now(ZoneOffset.UTC));
        if (language != null) {
            variables.put(
                    "language",
                    LanguageObjects.language(
                            language,
                            LanguageObjects.inLanguage(
                                    language, LanguageObjects.withoutCode(site, request.path()), request.query())));
        }
        // "user" is absent for anonymous visitors, so {% if user %} is false and user.fullname renders empty.
        if (request.user() != null) {
            variables.put("user", request.user().liquid(site));
        }
        variables.put(PageLayout.HEAD, PageLayout.head(site, page, language));
        variables.put(PageLayout.BODY_END, PageLayout.bodyEnd(site, page, language));
        variables.put(
                PageLayout.LANGUAGE,
                language == null || language.code() == null ? "en-US" : HtmlUtils.htmlEscape(language.code()));
        variables.put(FetchXmlTag.CONTEXT, new FetchXmlTag.Context(site, request.user()));
        extensions.forEach(extension -> extension.contribute(scope, variables));
        return variables;
    }

    /**
     * Power Pages' {@code website}: the website row's columns, {@code id}, {@code name}, {@code languages} and
     * {@code selected_language} (multilingual sites), and the sign-in and sign-out URLs with the current page as
     * the return URL ({@code /en-US/SignIn?returnUrl=%2Fen-US%2F} on a site with language codes in its URLs).
     */
    private static LiquidDrop website(SiteSnapshot site, RequestInfo request) {
        WebsiteLanguage language = request.language();
        String query = request.query() == null || request.query().isEmpty() ? "" : "?" + request.query();
        String returnUrl = UriUtils.encode(request.path() + query, StandardCharsets.UTF_8);
        String signIn = site.localizedUrl("/SignIn", language) + "?returnUrl=" + returnUrl;
        String signOut = site.localizedUrl("/Account/Login/LogOff", language) + "?returnUrl=" + returnUrl;
        LiquidDrop website = new LiquidDrop(site.website(), nullToEmpty(site.websiteName()))
                .value("id", site.websiteId())
                .value("name", nullToEmpty(site.websiteName()))
                .value("sign_in_url", signIn)
                .value("sign_in_url_substitution", signIn)
                .value("sign_out_url", signOut)
                .value("sign_out_url_substitution", signOut)
                .attribute("languages", () -> LanguageObjects.websiteLanguages(site, request.path(), request.query()));
        if (language != null) {
            website.attribute(
                    "selected_language",
                    () -> LanguageObjects.language(
                            language,
                            LanguageObjects.inLanguage(
                                    language, LanguageObjects.withoutCode(site, request.path()), request.query())));
        }
        return website;
    }

    /** Power Pages' {@code request}: {@code params}, {@code path}, {@code path_and_query}, {@code query}, {@code url}, all HTML-encoded. */
    private static Map<String, Object> requestObject(RequestInfo request) {
        Map<String, Object> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        UriComponentsBuilder.newInstance()
                .query(nullToEmpty(request.query()))
                .build()
                .getQueryParams()
                .forEach((name, values) -> params.putIfAbsent(
                        HtmlUtils.htmlEscape(decode(name)),
                        values.isEmpty() || values.get(0) == null ? "" : HtmlUtils.htmlEscape(decode(values.get(0)))));
        String query = nullToEmpty(request.query());
        Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.put("path", HtmlUtils.htmlEscape(request.path()));
        values.put("path_and_query", HtmlUtils.htmlEscape(request.path() + (query.isEmpty() ? "" : "?" + query)));
        values.put("query", HtmlUtils.htmlEscape(query.isEmpty() ? "" : "?" + query));
        values.put("url", HtmlUtils.htmlEscape(request.url()));
        values.put("params", params);
        return values;
    }

    private static String decode(String value) {
        return UriUtils.decode(value.replace('+', ' '), StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable current = ex;
                current != null;
                current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    /** The render threads end with the application, not a minute later (they would keep its classes that long). */
    @Override
    public void destroy() {
        renderThreads.shutdownNow();
    }
}
