package dev.powerpages.emulator.appnode.chaos;

import org.springframework.stereotype.Component;

/**
 * Chaos {@code {"crash": true}}: the node process ends at once with a non-zero status, skipping the graceful
 * shutdown ({@link Runtime#halt}), as a crashed process does. The HTTP answer is given first (a short delay), so
 * the caller learns the fault was accepted.
 */
@Component
public class ProcessCrash {

    static final int EXIT_STATUS = 137; // what a shell reports for a process killed by SIGKILL

    public void crashSoon() {
        Thread crasher = new Thread(() -> {
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(EXIT_STATUS);
        }, "chaos-crash");
        crasher.setDaemon(true);
        crasher.start();
    }
}
