package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Spring Boot executable jar unpacked into the layout of Spring Boot's own {@code java -Djarmode=tools -jar app.jar
 * extract}: {@code lib/} with every nested library jar, and beside it an application jar of the same name holding
 * {@code BOOT-INF/classes} and the jar's own {@code META-INF}, whose manifest names the start class as its
 * {@code Main-Class} and the libraries, in the order of {@code BOOT-INF/classpath.idx}, as its {@code Class-Path}.
 * {@code java -jar app/<jar>} then runs without Spring Boot's nested-jar launcher, and class data sharing can archive
 * it (it reads no nested jar).
 *
 * <p>Written here rather than by the tool: the tool is a JVM start of its own per jar (2.5-3.1 CPU-s each, four
 * jars), which before the containers' start cost a fresh build more than the unpacked jars gave it; here it is a copy
 * of the nested jars (stored, not compressed, in a Boot jar) and of the application's own classes, in the test's JVM.
 */
final class BootJarExtract {

    private static final String TOOLS_JAR_PREFIX = "spring-boot-jarmode-tools-";

    private BootJarExtract() {}

    /**
     * Unpacks {@code jar} into {@code destination} (created), as {@code destination/<jar name>} and
     * {@code destination/lib/}.
     *
     * @throws IOException also when the jar is no Spring Boot executable jar (no {@code Start-Class})
     */
    static void extract(Path jar, Path destination) throws IOException {
        try (JarFile boot = new JarFile(jar.toFile())) {
            Manifest manifest = boot.getManifest();
            Attributes main = manifest == null ? null : manifest.getMainAttributes();
            String startClass = main == null ? null : main.getValue("Start-Class");
            if (startClass == null) {
                throw new IOException(jar + " is not a Spring Boot executable jar (no Start-Class)");
            }
            String classes = valueOr(main, "Spring-Boot-Classes", "BOOT-INF/classes/");
            String lib = valueOr(main, "Spring-Boot-Lib", "BOOT-INF/lib/");
            Path libDir = Files.createDirectories(destination.resolve("lib"));
            Set<String> libs = new LinkedHashSet<>(classpathIndex(boot, main, lib));
            List<JarEntry> applicationEntries = new ArrayList<>();
            for (Enumeration<JarEntry> entries = boot.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(lib) && name.endsWith(".jar") && name.indexOf('/', lib.length()) < 0) {
                    String file = name.substring(lib.length());
                    if (!file.startsWith(TOOLS_JAR_PREFIX)) {
                        try (InputStream in = boot.getInputStream(entry)) {
                            Files.copy(in, libDir.resolve(file));
                        }
                        libs.add(file);
                    }
                } else if ((name.startsWith(classes) && name.length() > classes.length())
                        || (name.startsWith("META-INF/") && !name.equals(JarFile.MANIFEST_NAME))) {
                    applicationEntries.add(entry);
                }
            }
            // Only the libraries the jar holds, in the index's order, then any the index left out.
            libs.removeIf(file -> !Files.exists(libDir.resolve(file)));
            Manifest application = new Manifest();
            Attributes attributes = application.getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.forEach((key, value) -> {
                String name = key.toString();
                if (!name.equals("Main-Class") && !name.equals("Start-Class") && !name.startsWith("Spring-Boot-")) {
                    attributes.put(key, value);
                }
            });
            attributes.put(Attributes.Name.MAIN_CLASS, startClass);
            attributes.put(
                    Attributes.Name.CLASS_PATH,
                    String.join(" ", libs.stream().map(file -> "lib/" + file).toList()));
            try (OutputStream file = Files.newOutputStream(destination.resolve(jar.getFileName()));
                    JarOutputStream out = new JarOutputStream(file, application)) {
                for (JarEntry entry : applicationEntries) {
                    String name = entry.getName().startsWith(classes)
                            ? entry.getName().substring(classes.length())
                            : entry.getName();
                    JarEntry copy = new JarEntry(name);
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    if (!entry.isDirectory()) {
                        try (InputStream in = boot.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
        }
    }

    private static String valueOr(Attributes attributes, String name, String otherwise) {
        String value = attributes.getValue(name);
        return value == null ? otherwise : value;
    }

    /** The libraries' file names in {@code classpath.idx}'s order (lines {@code - "BOOT-INF/lib/x.jar"}). */
    private static List<String> classpathIndex(JarFile boot, Attributes main, String lib) throws IOException {
        String index = main.getValue("Spring-Boot-Classpath-Index");
        JarEntry entry = index == null ? null : boot.getJarEntry(index);
        if (entry == null) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        try (InputStream in = boot.getInputStream(entry)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String path = line.strip();
                if (path.startsWith("- \"") && path.endsWith("\"")) {
                    path = path.substring(3, path.length() - 1);
                }
                if (path.startsWith(lib)) {
                    files.add(path.substring(lib.length()));
                }
            }
        }
        return files;
    }
}
