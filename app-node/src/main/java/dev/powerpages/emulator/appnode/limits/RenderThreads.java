package dev.powerpages.emulator.appnode.limits;

import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Where liqp runs a time-limited render: liqp submits the render to an executor and waits at most
 * {@code liquid.max-render-time} for it. Without one it starts a new thread per render; this pool reuses idle threads
 * (daemon, gone after a minute idle) and carries the request thread's context into the render thread — the signed-in
 * user (Spring Security's context), the request attributes and the locale — so that Liquid objects, tags and filters
 * that read them (the {@code user} object, {@code fetchxml}) see the same request as the controller.
 */
public final class RenderThreads extends AbstractExecutorService {

    private final ExecutorService threads;

    private RenderThreads(ExecutorService threads) {
        this.threads = threads;
    }

    public static ExecutorService create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "liquid-render-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new RenderThreads(Executors.newCachedThreadPool(factory));
    }

    @Override
    public void execute(Runnable task) {
        SecurityContext security = SecurityContextHolder.getContext();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        LocaleContext locale = LocaleContextHolder.getLocaleContext();
        threads.execute(() -> {
            SecurityContextHolder.setContext(security);
            RequestContextHolder.setRequestAttributes(request);
            LocaleContextHolder.setLocaleContext(locale);
            try {
                task.run();
            } finally {
                SecurityContextHolder.clearContext();
                RequestContextHolder.resetRequestAttributes();
                LocaleContextHolder.resetLocaleContext();
            }
        });
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public java.util.List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }
}
