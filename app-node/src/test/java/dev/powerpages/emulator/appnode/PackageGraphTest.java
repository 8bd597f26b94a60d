package dev.powerpages.emulator.appnode;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.powerpages.emulator.appnode.forms.FormPosts;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the app node's package graph as docs/architecture.md draws it: no cycles; the page renderer on top,
 * the Liquid features under it, the shared Liquid parts under those, and the site model and store client at
 * the bottom.
 */
class PackageGraphTest {

    private static final String NODE = "dev.powerpages.emulator.appnode";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Not the classes Spring AOT's process-aot (the package phase) generates into target/classes: its
                // bean definitions (Foo__BeanDefinitions, the application's __BeanFactoryRegistrations) and proxies
                // ($$SpringCGLIB$$) call every package by design; the graph is the sources'.
                .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
                .importPackages(NODE);
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching(NODE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** A form's post answers with its page rendered again (validation summary, success message): the one way up. */
    @Test
    void nothingBelowThePageRendererDependsOnIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage(NODE + ".render..")
                .and()
                .doNotBelongToAnyOf(FormPosts.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(NODE + ".render..")
                .check(classes);
    }

    @Test
    void theSharedLiquidPartsKnowNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(NODE + ".liquid..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("liquid", "limits", "security", "report", "signin", "site", "store"))
                .check(classes);
    }

    @Test
    void theSiteModelAndTheStoreClientSitAtTheBottom() {
        noClasses()
                .that()
                .resideInAPackage(NODE + ".site..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("site", "store", "node", "chaos"))
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(NODE + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("store", "node", "chaos"))
                .check(classes);
    }

    @Test
    void nothingDependsOnTheNodesServiceEndpoints() {
        noClasses()
                .that()
                .resideOutsideOfPackage(NODE + ".services..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(NODE + ".services..")
                .check(classes);
    }

    /** The node's packages other than the given ones. */
    private static String[] packagesExcept(String... allowed) {
        Set<String> allowedSet = Set.of(allowed);
        return classes.stream()
                .map(javaClass -> javaClass.getPackageName())
                .filter(name -> name.startsWith(NODE + "."))
                .map(name -> name.substring(NODE.length() + 1).split("\\.")[0])
                .distinct()
                .filter(name -> !allowedSet.contains(name))
                .map(name -> NODE + "." + name + "..")
                .toArray(String[]::new);
    }
}
