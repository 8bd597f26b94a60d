package dev.powerpages.emulator.support.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;

/**
 * A module's main classes as every service's {@code PackageGraphTest} checks them (docs/architecture.md: packages by
 * feature, no cycles), with the feature-package helpers those tests share.
 *
 * @param root    the module's root package
 * @param classes its main classes, without what Spring AOT generates
 */
public record ModuleClasses(String root, JavaClasses classes) {

    /** The main classes under {@code root}. */
    public static ModuleClasses of(String root) {
        return new ModuleClasses(
                root,
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        // Not the classes Spring AOT's process-aot (the package phase) generates into target/classes:
                        // its bean definitions (Foo__BeanDefinitions, the application's __BeanFactoryRegistrations)
                        // and proxies ($$SpringCGLIB$$) call every package by design; the graph is the sources'.
                        .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
                        .importPackages(root));
    }

    /** Fails unless the root's feature packages (each direct subpackage with all below it) form no cycle. */
    public void checkFeaturePackagesFormNoCycle() {
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** The feature package {@code name} with all below it, as an ArchUnit package pattern. */
    public String feature(String name) {
        return root + "." + name + "..";
    }

    /** Every feature package but the given ones, as ArchUnit package patterns (the root package itself is none). */
    public String[] featuresExcept(String... allowed) {
        Set<String> allowedSet = Set.of(allowed);
        return classes.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(root + "."))
                .map(name -> name.substring(root.length() + 1).split("\\.")[0])
                .distinct()
                .filter(name -> !allowedSet.contains(name))
                .map(this::feature)
                .toArray(String[]::new);
    }
}
