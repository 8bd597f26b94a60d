package dev.powerpages.emulator.sitefolder;

import java.nio.file.Path;

/** Reads the folder named by its argument and prints the outcome: run by {@link UnencodableFileNameTest} in a JVM of its own. */
final class ReadInAnotherJvm {

    private ReadInAnotherJvm() {}

    public static void main(String[] args) {
        System.out.println("charset " + System.getProperty("sun.jnu.encoding"));
        try {
            SiteContent content = SiteFolderReader.read(Path.of(args[0]));
            System.out.println("read " + content.records().size() + " rows");
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
