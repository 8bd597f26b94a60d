package dev.powerpages.emulator.gateway.cdn;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import reactor.core.publisher.Mono;

/**
 * A way ahead of the web framework's pipeline (issue 16: {@link CdnFastHits}, {@link ProxiedFastPath}): a decorator of
 * the site's server that answers the requests it judges it can answer as the pipeline would, and hands every other
 * request to the pipeline unchanged. A request it fails to judge goes to the pipeline too, which answers (and
 * reports) it as it always did.
 *
 * @param <T> what judging a request found: what the shortcut answers it with
 */
abstract class PipelineShortcut<T> implements HttpHandlerDecoratorFactory, Ordered, ApplicationContextAware {

    private final int order;

    private ApplicationContext context;

    PipelineShortcut(int order) {
        this.order = order;
    }

    @Override
    public final int getOrder() {
        return order;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public final HttpHandler apply(HttpHandler pipeline) {
        if (!appliesTo(pipeline)
                || (pipeline instanceof HttpWebHandlerAdapter adapter && adapter.getApplicationContext() != context)) {
            // A child context's server (actuator on its own management port) does not route to the site.
            return pipeline;
        }
        return (request, response) -> {
            T judged;
            try {
                judged = judge(request);
            } catch (RuntimeException unexpected) {
                judged = null;
            }
            return judged == null ? pipeline.handle(request, response) : answer(pipeline, request, response, judged);
        };
    }

    /** Whether the shortcut is on for this server's pipeline at all. */
    abstract boolean appliesTo(HttpHandler pipeline);

    /** What the request is answered with here, or null to leave it to the pipeline. */
    abstract T judge(ServerHttpRequest request);

    abstract Mono<Void> answer(HttpHandler pipeline, ServerHttpRequest request, ServerHttpResponse response, T judged);
}
