package dev.powerpages.emulator.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The website as visitors reach it: through the gateway. */
public final class Site {

    private final RunningService gateway;

    Site(RunningService gateway) {
        this.gateway = gateway;
    }

    /** The site's root URL ({@code http://127.0.0.1:<port>/}). */
    public URI url() {
        return url("/");
    }

    /** The URL of a path on the site, e.g. {@code url("/about/")}. */
    public URI url(String path) {
        return gateway.url(path);
    }

    /** GETs a path through the gateway. */
    public HttpResult get(String path) {
        return Http.get(url(path));
    }

    /** GETs a path through the gateway with extra request headers. */
    public HttpResult get(String path, Map<String, String> headers) {
        return Http.get(url(path), headers);
    }

    /** A visitor that fetches the home page every 100 ms until closed. */
    public SteadyVisitor startVisitor() {
        return startVisitor("/", Duration.ofMillis(100));
    }

    /** A visitor that fetches {@code path} every {@code period} until closed. */
    public SteadyVisitor startVisitor(String path, Duration period) {
        return new SteadyVisitor(url(path), period);
    }
}
