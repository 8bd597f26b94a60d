package dev.powerpages.emulator.waf;

import java.lang.management.ManagementFactory;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Locale;

/**
 * A bench harness (not a test): {@link HostileBodyCost}'s CPU per hostile body for two builds of the engine in one
 * JVM, alternately, so that a shared machine's load falls on both alike (issue 16: ratios measured side by side).
 * Arguments: the two class directories of waf-engine's main classes (e.g. a copy of main's target/classes and this
 * branch's), rounds (default 3), bodies (default 20), warm-up passes over the bodies before the measured one (default
 * 1, the harness's figure; {@link HostileBodyCost#STEADY_PASSES} for the steady one); the test classes and dependencies
 * come from this JVM's class path. Prints the median and maximum of each round, then the medians' ratio.
 */
public final class HostileBodyCostComparison {

    public static void main(String[] args) throws Exception {
        String[] builds = {args[0], args[1]};
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int bodies = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int passes = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        BuildClassLoaders loaders = new BuildClassLoaders();
        double[][] medians = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int b = 0; b < 2; b++) {
                try (URLClassLoader loader = loaders.of(builds[b])) {
                    @SuppressWarnings("unchecked")
                    List<Long> micros = (List<Long>) loader.loadClass(HostileBodyCost.class.getName())
                            .getMethod("cpuMicros", int.class, long.class, int.class)
                            .invoke(null, bodies, 5112634740286L, passes);
                    medians[b][round] = micros.get(micros.size() / 2) / 1000.0;
                    System.out.printf(
                            Locale.ROOT,
                            "round %d %s: median %.1f ms, max %.1f ms, load %.1f%n",
                            round,
                            builds[b],
                            medians[b][round],
                            micros.get(micros.size() - 1) / 1000.0,
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        }
        double a = 0;
        double b = 0;
        for (int round = 0; round < rounds; round++) {
            a += medians[0][round];
            b += medians[1][round];
        }
        System.out.printf(Locale.ROOT, "medians: %.1f ms vs %.1f ms (%.2fx)%n", a / rounds, b / rounds, a / b);
    }
}
