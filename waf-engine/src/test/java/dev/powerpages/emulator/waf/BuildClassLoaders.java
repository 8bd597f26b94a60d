package dev.powerpages.emulator.waf;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * For the harnesses that compare two builds of the engine in one JVM: each build's main classes in a class loader of
 * their own, beside this JVM's test classes and dependencies (its class path without the main classes).
 */
final class BuildClassLoaders {

    private final List<URL> shared = new ArrayList<>();

    BuildClassLoaders() throws MalformedURLException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith("classes") || entry.endsWith("test-classes")) {
                shared.add(new File(entry).toURI().toURL());
            }
        }
    }

    /** A loader of one build's classes folder first, then the shared class path; close it after the round. */
    URLClassLoader of(String buildClasses) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(new File(buildClasses).toURI().toURL());
        urls.addAll(shared);
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
