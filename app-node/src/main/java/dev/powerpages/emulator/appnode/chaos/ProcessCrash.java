package dev.powerpages.emulator.appnode.chaos;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Chaos {@code {"crash": true}}: the node process ends at once with a non-zero status, skipping the graceful
 * shutdown ({@link Runtime#halt}), as a crashed process does. The HTTP answer is given first (a short delay), so
 * the caller learns the fault was accepted. With {@code node.chaos.crash-action: close-context} the node's web
 * server stops at once (its port refuses connections, open ones are cut) and the application context closes, but
 * the JVM lives on: the closest a node sharing its JVM with others can come to a crash.
 */
@Component
public class ProcessCrash {

    static final int EXIT_STATUS = 137; // what a shell reports for a process killed by SIGKILL

    private final ChaosProperties properties;
    private final ConfigurableApplicationContext context;

    ProcessCrash(ChaosProperties properties, ConfigurableApplicationContext context) {
        this.properties = properties;
        this.context = context;
    }

    public void crashSoon() {
        Thread crasher = new Thread(
                () -> {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    if (properties.crashAction() == ChaosProperties.CrashAction.CLOSE_CONTEXT) {
                        closeAbruptly();
                    } else {
                        Runtime.getRuntime().halt(EXIT_STATUS);
                    }
                },
                "chaos-crash");
        crasher.setDaemon(true);
        crasher.start();
    }

    private void closeAbruptly() {
        // Stopping the server first closes the port before any shutdown work (beans, schedulers) runs, as a dead
        // process's port would; the context's close then stops the rest without a graceful drain.
        if (context instanceof WebServerApplicationContext web) {
            WebServer server = web.getWebServer();
            if (server != null) {
                server.stop();
            }
        }
        context.close();
    }
}
