package io.cubeintegration;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages as docs/architecture.md draws them: each one capability, used in one direction, cli → observe, cluster
 * → feed → enrich, sink, state → cube. The demo's servers (the simulator, the broker) are none of it: they are built
 * with the tests (src/demo) and found by the command line at run time, through {@code DemoServers}.
 */
class PackageStructureTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cubeintegration");

    // No two packages use each other, however indirectly.
    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.cubeintegration.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    // The product holds nothing of the demo or the tests' servers, and names none of their classes.
    @Test
    void theProductHoldsNoDemo() {
        noClasses().should().resideInAnyPackage("io.cubeintegration.simulator..", "io.cubeintegration.broker..",
                "io.cubeintegration.demo..").check(PRODUCT);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.cubeintegration.simulator..",
                "io.cubeintegration.broker..", "io.cubeintegration.demo..").check(PRODUCT);
    }

    // No package uses one above it: the run's parts (enrichment, sinks, state) and the Cube client know nothing of feeds.
    @Test
    void packagesUseOnlyThoseBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("io.cubeintegration.cli..")
                .layer("observe").definedBy("io.cubeintegration.observe..")
                .layer("cluster").definedBy("io.cubeintegration.cluster..")
                .layer("feed").definedBy("io.cubeintegration.feed..")
                .layer("enrich").definedBy("io.cubeintegration.enrich..")
                .layer("sink").definedBy("io.cubeintegration.sink..")
                .layer("state").definedBy("io.cubeintegration.state..")
                .layer("cube").definedBy("io.cubeintegration.cube..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("observe").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("feed").mayOnlyBeAccessedByLayers("cli", "observe")
                .whereLayer("enrich").mayOnlyBeAccessedByLayers("cli", "observe", "feed")
                .whereLayer("sink").mayOnlyBeAccessedByLayers("cli", "observe", "feed")
                .whereLayer("state").mayOnlyBeAccessedByLayers("cli", "observe", "cluster", "feed", "sink")
                .whereLayer("cube").mayOnlyBeAccessedByLayers("cli", "observe", "cluster", "feed", "enrich", "sink", "state")
                .check(PRODUCT);
    }
}
