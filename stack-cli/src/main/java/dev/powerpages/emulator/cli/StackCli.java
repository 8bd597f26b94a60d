package dev.powerpages.emulator.cli;

import dev.powerpages.emulator.cli.check.CheckReport;
import dev.powerpages.emulator.cli.check.SiteCheck;
import dev.powerpages.emulator.cli.check.TextReport;
import dev.powerpages.emulator.cli.export.SiteExport;
import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.HttpException;
import dev.powerpages.emulator.cli.http.SiteUrl;
import dev.powerpages.emulator.cli.load.LoadRun;
import dev.powerpages.emulator.cli.site.FolderValidation;
import dev.powerpages.emulator.cli.site.NodesCatchUp;
import dev.powerpages.emulator.cli.site.StoreSite;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The site commands of {@code ./stack}, which passes every URL explicitly (it knows the ports):
 * <pre>
 * check-site   [DIR] --gateway URL --store URL --node NAME=URL… [--json] [--concurrency 4] [--wait 120]
 * export-site  DIR --store URL [--force]
 * validate-site DIR
 * site-status  --store URL [--directory]
 * await-site   --store URL --node NAME=URL… [--since EPOCH_SECONDS] [--wait 120]
 * load         URL [--rps 20] [--duration 60s] [--concurrency 64]
 * </pre>
 * Every command also takes {@code --admin-key} (default: the emulator's well-known {@code emulator-admin-key}).
 * Exit status: 0 done (check-site: passed), 1 check-site found a failing page or web file / the folder cannot be
 * imported / export refused, 2 usage or an unreachable service. load exits 1 when any request failed.
 */
public final class StackCli {

    static final String DEFAULT_ADMIN_KEY = "emulator-admin-key";
    private static final Set<String> FLAGS = Set.of("json", "force", "directory");

    private final PrintStream out;
    private final PrintStream err;
    private final Http http;

    StackCli(PrintStream out, PrintStream err, Http http) {
        this.out = out;
        this.err = err;
        this.http = http;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new StackCli(out, err, new Http()).run(List.of(args)));
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            err.println("usage: stack-cli check-site|export-site|validate-site|site-status|await-site …");
            return 2;
        }
        try {
            Arguments arguments = new Arguments(args.subList(1, args.size()), FLAGS);
            return switch (args.get(0)) {
                case "check-site" -> checkSite(arguments);
                case "export-site" -> exportSite(arguments);
                case "validate-site" -> validateSite(arguments);
                case "site-status" -> siteStatus(arguments);
                case "await-site" -> awaitSite(arguments);
                case "load" -> load(arguments);
                default -> throw new Arguments.UsageException("unknown command " + args.get(0));
            };
        } catch (Arguments.UsageException e) {
            err.println("stack-cli: " + e.getMessage());
            return 2;
        } catch (HttpException e) {
            err.println("stack: " + e.getMessage());
            return 2;
        }
    }

    private int checkSite(Arguments arguments) {
        String directory = arguments.positional().isEmpty()
                ? null
                : Path.of(arguments.positional(0, "DIR"))
                        .toAbsolutePath()
                        .normalize()
                        .toString();
        SiteCheck.Settings settings = new SiteCheck.Settings(
                arguments.required("gateway"),
                arguments.required("store"),
                nodes(arguments),
                adminKey(arguments),
                arguments.integer("concurrency", 4),
                arguments.seconds("wait", Duration.ofSeconds(120)));
        CheckReport report = new SiteCheck(http, settings).run(directory);
        if (arguments.flag("json")) {
            out.println(Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            TextReport.print(report, out);
        }
        return report.passed() ? 0 : 1;
    }

    private int exportSite(Arguments arguments) {
        Path folder = Path.of(arguments.positional(0, "DIR (the folder to write the site into)"))
                .toAbsolutePath()
                .normalize();
        String store = arguments.required("store");
        StoreSite.Status site = new StoreSite(http, store, adminKey(arguments)).status();
        Http.Response zip =
                http.get(SiteUrl.resolve(store, "/_services/site/export"), Map.of("X-Admin-Key", adminKey(arguments)));
        if (zip.status() != 200) {
            err.println("stack: the store did not export the site (" + zip.status() + "): " + zip.text());
            return 1;
        }
        SiteExport.Written written;
        try {
            written = SiteExport.unzip(zip.bytes(), folder, arguments.flag("force"));
        } catch (IllegalArgumentException e) {
            err.println("stack: " + e.getMessage());
            return 1;
        }
        out.printf(
                "Wrote %d files (%,d bytes) to %s, in the %s layout of %s:%n",
                written.files(),
                written.bytes(),
                folder,
                site.layout() == null ? "standard" : site.layout(),
                site.demo() ? "the demo site" : site.directory());
        written.byTopLevel().forEach((top, count) -> out.printf("  %-32s %5d%n", top, count));
        if (written.leftInPlace() > 0) {
            out.printf(
                    "%d files already there that the site does not have were left in place.%n", written.leftInPlace());
        }
        return 0;
    }

    private int validateSite(Arguments arguments) {
        Path folder = Path.of(arguments.positional(0, "DIR")).toAbsolutePath().normalize();
        try {
            FolderValidation.Readable readable = FolderValidation.read(folder);
            out.printf(
                    "%s: %s layout, %s data model, %d rows%s%n",
                    folder,
                    readable.layout(),
                    readable.dataModel().toLowerCase(),
                    readable.rows(),
                    readable.notesByKind().isEmpty() ? "" : ", notes " + readable.notesByKind());
            return 0;
        } catch (SiteFolderException e) {
            err.println("stack: the site folder " + folder + " cannot be imported: " + e.getMessage());
            return 1;
        }
    }

    /** One line for ./stack ps, or only the folder (or {@code demo}) with --directory, for ./stack's comparisons. */
    private int load(Arguments arguments) {
        URI url;
        try {
            url = URI.create(arguments.positional(0, "URL"));
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("not a URL: " + arguments.positional(0, "URL"));
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new Arguments.UsageException("load takes an http:// or https:// URL, not " + url);
        }
        double rps;
        try {
            rps = Double.parseDouble(arguments.option("rps", "20"));
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("--rps takes a number of requests per second");
        }
        if (!(rps > 0 && rps <= 10_000)) {
            throw new Arguments.UsageException("--rps takes a number above 0 and at most 10000");
        }
        Duration duration = arguments.seconds("duration", Duration.ofSeconds(60));
        int concurrency = arguments.integer("concurrency", 64);
        if (duration.isNegative() || duration.isZero() || concurrency < 1) {
            throw new Arguments.UsageException("--duration and --concurrency must be above 0");
        }
        try {
            LoadRun.Report report = new LoadRun(new LoadRun.Settings(url, rps, duration, concurrency), out).run();
            LoadRun.print(report, out);
            return report.failed() == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private int siteStatus(Arguments arguments) {
        StoreSite.Status site = new StoreSite(http, arguments.required("store"), adminKey(arguments)).status();
        if (arguments.flag("directory")) {
            out.println(site.demo() ? "demo" : site.directory());
            return 0;
        }
        if (site.demo()) {
            out.println("site: the demo site");
            return 0;
        }
        out.printf(
                "site: %s (%s, %d rows%s)%n",
                site.directory(),
                site.layout(),
                site.rows(),
                site.watching() == null ? "" : "; edits followed by " + site.watching());
        if (site.error() != null) {
            out.printf(
                    "      the folder's current state is not imported (the last good site is served): %s%s%n",
                    site.error().where().isEmpty() ? "" : site.error().where() + ": ",
                    site.error().message());
        }
        return 0;
    }

    private int awaitSite(Arguments arguments) {
        String since = arguments.option("since", null);
        Instant from;
        if (since != null) {
            from = Instant.ofEpochSecond(Long.parseLong(since));
        } else {
            from = new StoreSite(http, arguments.required("store"), adminKey(arguments))
                    .status()
                    .changedAt();
        }
        Map<String, NodesCatchUp.NodeState> states = new NodesCatchUp(http, nodes(arguments))
                .await(from, arguments.seconds("wait", Duration.ofSeconds(120)));
        states.forEach((name, state) -> out.printf(
                "  %s serves %s (loaded %s)%n",
                name, state.website() == null ? "the site" : state.website(), state.siteLoadedAt()));
        return 0;
    }

    private static Map<String, String> nodes(Arguments arguments) {
        Map<String, String> nodes = arguments.named("node");
        if (nodes.isEmpty()) {
            throw new Arguments.UsageException("--node NAME=URL is required (one per app node)");
        }
        return nodes;
    }

    private static String adminKey(Arguments arguments) {
        return arguments.option("admin-key", System.getenv().getOrDefault("STACK_ADMIN_KEY", DEFAULT_ADMIN_KEY));
    }
}
