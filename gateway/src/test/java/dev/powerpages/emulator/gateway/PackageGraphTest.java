package dev.powerpages.emulator.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import dev.powerpages.emulator.support.architecture.ModuleClasses;
import dev.powerpages.emulator.waf.custom.GeoIpMap;
import dev.powerpages.emulator.waf.custom.RateLimiter;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.engine.WafRequestParser;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps the gateway's package graph as docs/architecture.md draws it: no cycles; the origin resolver at the bottom,
 * the edge's own responses above it, the edge features (WAF, CDN, HTTPS) on top where nothing depends on them; and
 * the WAF engine module reached only through the gateway's waf package.
 */
class PackageGraphTest {

    private static final ModuleClasses GATEWAY = ModuleClasses.of("dev.powerpages.emulator.gateway");

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching(GATEWAY.root() + ".(**)").should().beFreeOfCycles().check(GATEWAY.classes());
    }

    @Test
    void theOriginResolverDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(GATEWAY.feature("origin"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(GATEWAY.featuresExcept("origin"))
                .check(GATEWAY.classes());
    }

    @Test
    void theEdgesOwnResponsesUseOnlyTheOriginResolver() {
        noClasses()
                .that()
                .resideInAPackage(GATEWAY.feature("edge"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(GATEWAY.featuresExcept("edge", "origin"))
                .check(GATEWAY.classes());
    }

    @Test
    void nothingDependsOnTheEdgeFeatures() {
        for (String feature : Set.of("waf", "cdn", "tls")) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage(GATEWAY.feature(feature))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(GATEWAY.feature(feature))
                    .check(GATEWAY.classes());
        }
    }

    @Test
    void onlyTheWafPackageUsesTheWafEngine() {
        noClasses()
                .that()
                .resideOutsideOfPackage(GATEWAY.feature("waf"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.powerpages.emulator.waf..")
                .check(GATEWAY.classes());
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
                .check(GATEWAY.classes());
    }
}
