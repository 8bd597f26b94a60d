package dev.powerpages.emulator.appnode.forms;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.antiforgery.AntiForgery;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.signin.SignInProperties;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCaches;
import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The node's form machinery wired by hand around a {@link RecordingStore}: the renderer with the form tags, and the
 * submit controller behind MockMvc (a site cache that answers the fixture's snapshot). It plays one browser: the
 * anti-forgery cookie a rendered page sets is sent with the posts ({@link #post}).
 */
public final class FormsHarness {

    /** The forms' clock (Today's Date on save). */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T15:09:26.535Z"), ZoneOffset.UTC);

    public static final LiquidLimits LIMITS =
            new LiquidLimits(100_000, Duration.ofSeconds(5), 4_000_000, 1_000_000, 100);
    private static final Pattern TOKEN = Pattern.compile("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("name=\"__pp_webformstate\" value=\"([^\"]+)\"");

    public final UnsupportedLiquid unsupported = new UnsupportedLiquid();
    public final AntiForgery antiForgery = new AntiForgery(new SignInProperties(
            ".AspNet.ApplicationCookie", "test-secret", Duration.ofHours(1), Duration.ofSeconds(30)));
    private final SignedState state = new SignedState(new FormsProperties("test-forms-secret"));
    /** The browser's anti-forgery cookie token, once a page has set it. */
    private String cookieToken;

    public final TableCatalog schemas;
    public final LiquidRenderer renderer;
    public final MockMvc mvc;
    private final SiteSnapshot site;

    public FormsHarness(RecordingStore store, SiteSnapshot site, LiquidExtension... more) {
        this.site = site;
        StoreClient client = store.client();
        schemas = new TableCatalog(client);
        FormEngine engine = new FormEngine(schemas, client, BusinessDataCaches.keepingNothing(), CLOCK);
        BasicForms basic = new BasicForms(engine, antiForgery, unsupported);
        MultistepForms multistep = new MultistepForms(engine, antiForgery, state, unsupported);
        List<LiquidExtension> extensions = new java.util.ArrayList<>(List.of(new FormTags(basic, multistep)));
        extensions.addAll(List.of(more));
        renderer = new LiquidRenderer(LIMITS, new FetchXmlTag(null, null, null, null), extensions, List.of());
        SiteCache cache = mock(SiteCache.class);
        when(cache.current()).thenReturn(Optional.of(site));
        mvc = MockMvcBuilders.standaloneSetup(
                        new FormSubmitController(cache, new FormPosts(renderer, basic, multistep, antiForgery)))
                .build();
    }

    /** The page as a GET renders it, for this visitor ({@code null}: anonymous), in this harness's browser. */
    public String get(String url, SiteUser user) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : null;
        MockHttpServletRequest request = request(user);
        MockHttpServletResponse response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        try {
            String body = renderer.render(
                            site,
                            site.pageByUrl(path).orElseThrow(),
                            new RequestInfo(path, "http://localhost" + url, query, user))
                    .body();
            String setCookie = response.getHeader(HttpHeaders.SET_COOKIE);
            if (setCookie != null && setCookie.startsWith(AntiForgery.NAME + "=")) {
                cookieToken = setCookie.substring(AntiForgery.NAME.length() + 1, setCookie.indexOf(';'));
            }
            return body;
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    /** A post from this harness's browser, with its anti-forgery cookie (a browser that has been on the site has one). */
    public MockHttpServletRequestBuilder post(String url) {
        if (cookieToken == null) {
            cookieToken = antiForgery.newCookieToken();
        }
        return MockMvcRequestBuilders.post(url).cookie(new Cookie(AntiForgery.NAME, cookieToken));
    }

    /** The request token a page would give this visitor in this harness's browser (which gets its cookie if it had none). */
    public String tokenFor(SiteUser user) {
        if (cookieToken == null) {
            cookieToken = antiForgery.newCookieToken();
        }
        return antiForgery.requestToken(cookieToken, request(user));
    }

    private MockHttpServletRequest request(SiteUser user) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (cookieToken != null) {
            request.setCookies(new Cookie(AntiForgery.NAME, cookieToken));
        }
        if (user != null) {
            request.setAttribute(SiteUser.REQUEST_ATTRIBUTE, user);
        }
        return request;
    }

    public static String token(String html) {
        Matcher matcher = TOKEN.matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }

    public static String state(String html) {
        Matcher matcher = STATE.matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }
}
