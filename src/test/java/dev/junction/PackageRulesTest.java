package dev.junction;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout's rules, held against the compiled main classes (tests may reach anywhere): the runtime never needs a
 * sample, so a deployment of its own routes can delete them; the problem builder is a leaf every package may use;
 * runtime packages form no cycle; and no sample integration reaches into another's Java.
 */
@AnalyzeClasses(packages = "dev.junction", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    @ArchTest
    static final ArchRule runtimeNeverDependsOnSamples = noClasses()
            .that().resideInAPackage("dev.junction.runtime..")
            .should().dependOnClassesThat().resideInAPackage("dev.junction.samples..");

    @ArchTest
    static final ArchRule problemIsALeaf = noClasses()
            .that().resideInAPackage("dev.junction.runtime.problem..")
            .should().dependOnClassesThat(resideInAPackage("dev.junction..")
                    .and(not(resideInAPackage("dev.junction.runtime.problem.."))));

    @ArchTest
    static final ArchRule runtimePackagesHaveNoCycles = slices()
            .matching("dev.junction.runtime.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule samplesDoNotReachIntoEachOther = slices()
            .matching("dev.junction.samples.(*)..")
            .should().notDependOnEachOther();
}
