package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * One service of the stack running inside the test's JVM: its Spring Boot application, loaded from its unpacked
 * jar by a class loader of its own whose parent is the platform class loader, so that neither the test's
 * classpath (its Spring, Jackson, Logback versions) nor the other services' classes are visible to it. Every
 * setting is a command-line argument ({@code --key=value}): system properties and environment variables are
 * JVM-wide and would reach all five services.
 *
 * <p>{@link #kill()} stops the web server first, so its port refuses connections and open connections are cut at
 * once, then closes the application without a graceful drain ({@code server.shutdown=immediate}) and drops its
 * class loader. {@link #restart()} starts a fresh application in a fresh class loader on the same port.
 */
final class InProcessService implements RunningService {

    private static final String SPRING_APPLICATION = "org.springframework.boot.SpringApplication";
    private static final String SPRING_PROPERTIES = "org.springframework.core.SpringProperties";
    /** Tomcat registers this with {@code URL.setURLStreamHandlerFactory}, which a JVM allows only once. */
    private static final String TOMCAT_URL_HANDLER_FACTORY =
            "org.apache.catalina.webresources.TomcatURLStreamHandlerFactory";

    static {
        // The JDK starts CompletableFuture's delay-scheduler thread (behind orTimeout and delayedExecutor) once per
        // JVM, on first use, and the thread keeps the access-control context of the code that first used it: the
        // protection domains, and so the class loader, of every class on that stack. Started from a service (the
        // traffic manager's probes time out that way) it would keep that service's classes after the stack closed.
        // Start it here, from the kit's classes, before any service runs: what Tomcat's
        // JreMemoryLeakPreventionListener does for other JDK singletons.
        CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS).execute(() -> {});
    }

    private final String name;
    private final BootJarClasspath application;
    private final int port;
    private final String healthPath;
    private final Map<String, String> properties;
    private final Path log;
    private final Duration startupTimeout;
    private volatile Instance instance;

    InProcessService(StackLayout.Service service, BootJarClasspath application, Path logDir, Duration startupTimeout) {
        this.name = service.name();
        this.application = application;
        this.port = service.port();
        this.healthPath = service.healthPath();
        this.properties = service.properties();
        this.log = logDir.resolve(name + ".log").toAbsolutePath();
        this.startupTimeout = startupTimeout;
    }

    /** Starts the application on a thread of its own and returns at once; {@link #awaitHealthy()} waits for it. */
    void start() {
        URLClassLoader loader = new URLClassLoader(
                "powerpages-" + name,
                application.classpath().toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        CompletableFuture<Object> context = new CompletableFuture<>();
        Thread main = new Thread(
                () -> {
                    try {
                        keepTomcatOffTheJvmWideUrlHandler(loader);
                        if (application.springAotCode() && SpringAot.wanted(System.getenv())) {
                            useSpringAotCode(loader);
                        }
                        Class<?> mainClass = Class.forName(application.startClass(), false, loader);
                        Class<?> springApplication = Class.forName(SPRING_APPLICATION, true, loader);
                        Object app = springApplication
                                .getConstructor(Class[].class)
                                .newInstance((Object) new Class<?>[] {mainClass});
                        // Spring finds the main class by a main method on the stack, which a thread of the kit
                        // has not; the generated code of Spring AOT is looked up by it.
                        springApplication
                                .getMethod("setMainApplicationClass", Class.class)
                                .invoke(app, mainClass);
                        Method run = springApplication.getMethod("run", String[].class);
                        context.complete(run.invoke(app, (Object) arguments().toArray(String[]::new)));
                    } catch (InvocationTargetException ex) {
                        context.completeExceptionally(ex.getCause());
                    } catch (Throwable ex) {
                        context.completeExceptionally(ex);
                    }
                },
                "powerpages-" + name + "-main");
        // Spring Boot loads auto-configurations and starters through the thread's context class loader; the
        // threads the application creates (Tomcat's, Netty's, schedulers) inherit it.
        main.setContextClassLoader(loader);
        main.setDaemon(true);
        instance = new Instance(loader, context);
        main.start();
    }

    private List<String> arguments() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.address", "127.0.0.1");
        // kill() must cut connections at once, and close() has no reason to wait for requests either.
        all.put("server.shutdown", "immediate");
        // The kit closes the applications (and has its own JVM shutdown hook); Spring's hooks would keep each
        // closed application's class loader reachable until the JVM exits.
        all.put("spring.main.register-shutdown-hook", "false");
        all.put("logging.register-shutdown-hook", "false");
        // Each service's log in its own file, as in the other modes; nothing on the test's console.
        all.put("logging.file.name", log.toString());
        all.put("logging.threshold.console", "OFF");
        all.put("spring.main.banner-mode", "off");
        all.put("spring.jmx.enabled", "false");
        all.putAll(properties);
        List<String> arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    /**
     * Spring AOT's switch for this application alone: its own copy of Spring's {@code SpringProperties} (each service
     * has its own class loader), which Spring reads before the JVM-wide system property that a child process gets
     * ({@code -Dspring.aot.enabled=true}) and which would reach the test's own code and the other services too.
     */
    private static void useSpringAotCode(ClassLoader loader) throws ReflectiveOperationException {
        Class.forName(SPRING_PROPERTIES, true, loader)
                .getMethod("setProperty", String.class, String.class)
                .invoke(null, SpringAot.ENABLED_PROPERTY, "true");
    }

    /**
     * The first embedded Tomcat of a JVM sets Tomcat's URL stream handler factory (for {@code war:} URLs, which an
     * embedded application never uses) JVM-wide, and the second fails with "factory already defined". Disabling
     * it in each service's own copy of Tomcat, before the application starts, keeps every Tomcat off it (the
     * approach Tomcat documents for several instances in one JVM) and keeps no class loader pinned by it.
     */
    private static void keepTomcatOffTheJvmWideUrlHandler(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> factory;
        try {
            factory = Class.forName(TOMCAT_URL_HANDLER_FACTORY, true, loader);
        } catch (ClassNotFoundException ex) {
            return; // not a Tomcat application (the gateway runs on Netty)
        }
        factory.getMethod("disable").invoke(null);
    }

    @Override
    public String startFailure() {
        Instance current = instance;
        if (current == null) {
            return "was stopped";
        }
        return current.context().isCompletedExceptionally() ? "failed to start: " + current.failure() : null;
    }

    @Override
    public void kill() {
        Instance current = instance;
        instance = null;
        if (current != null) {
            Object context = current.awaitContext(startupTimeout);
            if (context != null) {
                stopWebServer(context);
                close(context);
            }
            current.release();
        }
    }

    /** Closes the application (no graceful drain) and drops its class loader. */
    void stop() {
        Instance current = instance;
        instance = null;
        if (current != null) {
            Object context = current.awaitContext(startupTimeout);
            if (context != null) {
                close(context);
            }
            current.release();
        }
    }

    @Override
    public void restart() {
        stop();
        start();
        awaitHealthy();
    }

    /** True while the application is up: false once killed or stopped, and once it closed itself (a chaos crash). */
    @Override
    public boolean isRunning() {
        Instance current = instance;
        if (current == null || !current.context().isDone() || current.context().isCompletedExceptionally()) {
            return false;
        }
        try {
            return (Boolean) call(current.context().join(), "isActive");
        } catch (RuntimeException ex) {
            return false;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String healthPath() {
        return healthPath;
    }

    @Override
    public Duration startupTimeout() {
        return startupTimeout;
    }

    @Override
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException ex) {
            return "(log " + log + " unreadable: " + ex + ")";
        }
    }

    /** The port stops answering before anything else of the application shuts down, as when a process dies. */
    private void stopWebServer(Object context) {
        try {
            Object webServer = call(context, "getWebServer");
            if (webServer != null) {
                call(webServer, "stop");
            }
        } catch (RuntimeException ex) {
            // Already stopped (a chaos crash got there first); closing the context below finishes the job.
        }
    }

    private void close(Object context) {
        try {
            call(context, "close");
        } catch (RuntimeException ex) {
            System.err.println("[powerpages-stack] closing " + name + " failed: " + ex);
        }
    }

    /** Calls a public no-argument method through the object's class, which the test's class loader cannot name. */
    private static Object call(Object target, String method) {
        try {
            Method found = target.getClass().getMethod(method);
            if (!found.canAccess(target)) {
                found.setAccessible(true);
            }
            return found.invoke(target);
        } catch (InvocationTargetException ex) {
            throw new IllegalStateException(method + " failed: " + ex.getCause(), ex.getCause());
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(method + " on " + target.getClass().getName() + ": " + ex, ex);
        }
    }

    /** One start of the application: its class loader and the context {@code SpringApplication.run} returns. */
    private record Instance(URLClassLoader loader, CompletableFuture<Object> context) {

        Object awaitContext(Duration atMost) {
            try {
                return context.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException ex) {
                return null;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        String failure() {
            try {
                context.join();
                return "(none)";
            } catch (RuntimeException ex) {
                return String.valueOf(ex.getCause() != null ? ex.getCause() : ex);
            }
        }

        /**
         * Some libraries keep JVM-wide references or threads in static fields that no application close reaches;
         * in a JVM of their own that does not matter, here each would keep the closed application's class loader
         * (and all its classes) alive. Releasing them is what a servlet container does for an undeployed web
         * application. Each is called through the application's own class loader, where those statics live; a
         * library the service lacks is skipped.
         */
        private void stopLibraryThreads() {
            // H2's driver registers itself with java.sql.DriverManager, which belongs to the whole JVM.
            invokeStatic("org.h2.Driver", "unload");
            // Reactor's shared schedulers (parallel, bounded-elastic) and their threads outlive the context.
            invokeStatic("reactor.core.scheduler.Schedulers", "shutdownNow");
            // Resilience4j's one circuit-breaker auto-transition thread per class loader never ends by itself.
            try {
                Object factory =
                        invokeStatic("io.github.resilience4j.circuitbreaker.internal.SchedulerFactory", "getInstance");
                if (factory != null) {
                    ((java.util.concurrent.ExecutorService) call(factory, "getScheduler")).shutdownNow();
                }
            } catch (RuntimeException | LinkageError ex) {
                // best effort, as the others
            }
        }

        /**
         * Tomcat runs requests with its web application class loader, a child of the service's; a thread started
         * from a request (the JDK HTTP client's workers) inherits that one.
         */
        private static boolean isOrDescendsFrom(ClassLoader candidate, ClassLoader ancestor) {
            for (ClassLoader current = candidate; current != null; current = current.getParent()) {
                if (current == ancestor) {
                    return true;
                }
            }
            return false;
        }

        private Object invokeStatic(String className, String method) {
            try {
                return Class.forName(className, true, loader).getMethod(method).invoke(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
                return null;
            }
        }

        /**
         * Lets the class loader go: closes its jar files and takes off the JVM-wide logging root any handler of
         * its classes (Spring Boot installs its JUL-to-SLF4J bridge there), which would keep it reachable.
         */
        void release() {
            stopLibraryThreads();
            // A thread the application started and did not stop keeps the class loader reachable through its
            // context class loader: hand such threads the platform loader. The JDK HTTP client's selector thread
            // lives until its client is collected, and holds the client's executor and handlers (the
            // application's classes), so it would keep the loader anyway: the application is closed, end it
            // (Java 17's HttpClient has no close(); an interrupted selector thread shuts its client down).
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (isOrDescendsFrom(thread.getContextClassLoader(), loader)) {
                    if (thread.getName().matches("HttpClient-\\d+-SelectorManager")) {
                        thread.interrupt();
                    }
                    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
                }
            }
            Logger root = LogManager.getLogManager().getLogger("");
            if (root != null) {
                for (Handler handler : root.getHandlers()) {
                    if (handler.getClass().getClassLoader() == loader) {
                        root.removeHandler(handler);
                    }
                }
            }
            try {
                loader.close();
            } catch (IOException ex) {
                // Only open jar files are at stake; they close when the loader is collected.
            }
        }
    }
}
