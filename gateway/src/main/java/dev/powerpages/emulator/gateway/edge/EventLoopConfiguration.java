package dev.powerpages.emulator.gateway.edge;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * One set of event loops for the visitors' side (the HTTP server, and the HTTPS one, given the same factory) and the
 * origins' side (Spring Cloud Gateway's client bean, which the proxied fast path and {@code NettyRoutingFilter} use):
 * {@code gateway.event-loops.threads} of them instead of Reactor Netty's global default of at least four (issue 16,
 * target 2b; docs/benchmarks.md "The proxied page, sixth round"). On a machine with fewer cores than that, a proxied
 * request's two halves were spread over more threads than could run at once: more wake-ups, fewer requests handled
 * per wake-up.
 *
 * <p>The server gets them as Spring Boot gives a server its loops: through the {@link ReactorResourceFactory} bean
 * (Boot's own backs off; {@code NettyWebServer} calls {@code runOn} with the factory's loops after every server
 * customizer, so a customizer could not set them). The client runs on the same {@link LoopResources} instance, so
 * Reactor Netty's colocation makes a request's new origin connection on the thread that serves the visitor's
 * connection, as with the shared global resources before; on two different instances every request would cross
 * threads. An idle connection taken from the pool is one of the visitor's loop too: the pool is kept per loop ({@link
 * OriginClientConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class EventLoopConfiguration {

    /** Thread names as Reactor Netty's global resources name them ({@code reactor-http-epoll-N}). */
    static final String THREAD_PREFIX = "reactor-http";

    @Bean(destroyMethod = "dispose")
    LoopResources edgeEventLoops(EventLoopProperties properties) {
        return LoopResources.create(THREAD_PREFIX, properties.effectiveThreads(), true);
    }

    @Bean
    ReactorResourceFactory reactorResourceFactory(LoopResources edgeEventLoops) {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        // Not the global resources: those would take Reactor Netty's default count; the factory leaves loops it was
        // given to their bean to dispose.
        factory.setUseGlobalResources(false);
        factory.setLoopResources(edgeEventLoops);
        return factory;
    }

    @Bean
    HttpClientCustomizer edgeEventLoopsForTheOriginClient(LoopResources edgeEventLoops) {
        return client -> client.runOn(edgeEventLoops);
    }

    /** The schedulers on the visitors' loops, for the answers' writes, the fast path's timeouts and the origin pools. */
    @Bean
    VisitorsLoops visitorsLoops() {
        return new VisitorsLoops();
    }

    /**
     * Every answer written and every request's handling ended on its connection's loop: Reactor Netty otherwise leaves
     * a request that closes a keep-alive connection unanswered when it comes right after an answer written from
     * another thread (a HEAD's, a proxied page's). The HTTPS server serves the same handler. How often an answer had to
     * be handed to its loop is the counter {@code gateway.edge.loop.handovers}.
     */
    @Bean
    AnswersWrittenOnTheVisitorsLoop answersWrittenOnTheVisitorsLoop(
            VisitorsLoops visitorsLoops, ObjectProvider<MeterRegistry> registry) {
        AnswersWrittenOnTheVisitorsLoop answers = new AnswersWrittenOnTheVisitorsLoop(visitorsLoops);
        registry.ifAvailable(meters -> FunctionCounter.builder(
                        "gateway.edge.loop.handovers", answers, AnswersWrittenOnTheVisitorsLoop::handOvers)
                .description("Answers' writes and completions handed to the visitor connection's event loop from"
                        + " another thread")
                .register(meters));
        return answers;
    }
}
