package dev.powerpages.emulator.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.engine.WafRequestParser;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the gateway's package graph as docs/architecture.md draws it: no cycles; the origin resolver at the bottom,
 * the edge's own responses above it, the edge features (WAF, CDN, HTTPS) on top where nothing depends on them; and
 * the WAF engine module reached only through the gateway's waf package.
 */
class PackageGraphTest {

    private static final String GATEWAY = "dev.powerpages.emulator.gateway";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Not the classes Spring AOT's process-aot (the package phase) generates into target/classes: its
                // bean definitions (Foo__BeanDefinitions, the application's __BeanFactoryRegistrations) and proxies
                // ($$SpringCGLIB$$) call every package by design; the graph is the sources'.
                .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
                .importPackages(GATEWAY);
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching(GATEWAY + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theOriginResolverDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(GATEWAY + ".origin..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("origin"))
                .check(classes);
    }

    @Test
    void theEdgesOwnResponsesUseOnlyTheOriginResolver() {
        noClasses()
                .that()
                .resideInAPackage(GATEWAY + ".edge..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packagesExcept("edge", "origin"))
                .check(classes);
    }

    @Test
    void nothingDependsOnTheEdgeFeatures() {
        for (String feature : Set.of("waf", "cdn", "tls")) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage(GATEWAY + "." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(GATEWAY + "." + feature + "..")
                    .check(classes);
        }
    }

    @Test
    void onlyTheWafPackageUsesTheWafEngine() {
        noClasses()
                .that()
                .resideOutsideOfPackage(GATEWAY + ".waf..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.powerpages.emulator.waf..")
                .check(classes);
    }

    @Test
    void theGatewayUsesTheWafEngineThroughItsApiOnly() {
        // The API: the inspector and its verdict (the module's root), the policy model, the rule catalog, the request
        // parser and the request it makes, and the geo map and rate counters an inspector is built with.
        noClasses()
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "dev.powerpages.emulator.waf.engine..", "dev.powerpages.emulator.waf.custom..")
                        .and(not(belongToAnyOf(
                                WafRequest.class, WafRequestParser.class, GeoIpMap.class, RateLimiter.class))))
                .check(classes);
    }

    /** The gateway's feature packages other than the given ones (the root's filter order may be read by any). */
    private static String[] packagesExcept(String... allowed) {
        Set<String> allowedSet = Set.of(allowed);
        return classes.stream()
                .map(javaClass -> javaClass.getPackageName())
                .filter(name -> name.startsWith(GATEWAY + "."))
                .map(name -> name.substring(GATEWAY.length() + 1).split("\\.")[0])
                .distinct()
                .filter(name -> !allowedSet.contains(name))
                .map(name -> GATEWAY + "." + name + "..")
                .toArray(String[]::new);
    }
}
