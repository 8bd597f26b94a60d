package dev.powerpages.emulator.stacktests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Thread dumps of the stack's child JVMs, taken while a request hangs: a hang that happens once in many runs is
 * explained by what each service was doing at that moment, which its log does not say. {@code jcmd} from the
 * running JDK, one file per process.
 */
final class ThreadDumps {

    private ThreadDumps() {}

    /** Dumps every Java process this test JVM started (directly or not) into {@code directory}; returns the files. */
    static List<Path> ofChildJvms(Path directory) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<Path> files = new ArrayList<>();
        String stamp = Instant.now().toString().replace(':', '-');
        ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .forEach(p -> {
                    Path file = directory.resolve("threads-" + stamp + "-" + p.pid() + ".txt");
                    try {
                        Files.createDirectories(directory);
                        // Which service it is: the command line (its jar or main class) above the dump.
                        Files.writeString(file, p.info().commandLine().orElse("pid " + p.pid()) + "\n\n");
                        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "Thread.print")
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
                                .start();
                        if (dump.waitFor(20, TimeUnit.SECONDS)) {
                            files.add(file);
                        } else {
                            dump.destroyForcibly();
                        }
                    } catch (IOException ex) {
                        // No jcmd (a JRE): the hang is still reported by the assertion, without dumps.
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                });
        return files;
    }
}
