package org.clusterdeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of ARCHITECTURE.md, checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.clusterdeck");
    }

    @Test
    void onlyTheUiImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.clusterdeck.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the core must run without a display (CLI, tests, jobs)")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.clusterdeck.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void modelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.clusterdeck.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.clusterdeck.store..", "org.clusterdeck.job..",
                        "org.clusterdeck.cli..", "org.clusterdeck.ui..", "org.clusterdeck.inventory..")
                .check(classes);
    }

    @Test
    void noSystemOutOutsideTheCli() {
        noClasses().that().resideOutsideOfPackage("org.clusterdeck.cli..")
                .should().accessField(System.class, "out")
                .because("results go through the CLI's writer, diagnostics through SLF4J")
                .check(classes);
    }

    @Test
    void onlyTheStoreTalksSql() {
        noClasses().that().resideOutsideOfPackage("org.clusterdeck.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.h2..", "org.flywaydb..")
                .check(classes);
    }

    /** Services are built once, in {@code app.Services}; views, view models and commands receive them. */
    @Test
    void uiAndCliBuildNoServices() {
        DescribedPredicate<JavaCall<?>> buildsAService = DescribedPredicate.describe(
                "a constructor of a *Service, RemoteSessions, RemoteAccess or TuningJobs, or VirtService.create", call -> {
                    String owner = call.getTargetOwner().getSimpleName();
                    boolean constructor = call.getTarget().getName().equals("<init>");
                    return constructor && (owner.endsWith("Service") || owner.equals("RemoteSessions")
                            || owner.equals("RemoteAccess") || owner.equals("TuningJobs"))
                            || owner.equals("VirtService") && call.getTarget().getName().equals("create")
                            && call.getTarget().getRawParameterTypes().size() > 1; // the factory, not "create a VM"
                });
        noClasses().that().resideInAnyPackage("org.clusterdeck.ui..", "org.clusterdeck.cli..")
                .should().callCodeUnitWhere(buildsAService)
                .because("the GUI and the CLI each build one Services object (ARCHITECTURE.md: one composition root)")
                .check(classes);
    }

    @Test
    void coreNeverUsesPromiscuousHostKeyVerification() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("net.schmizz.sshj.transport.verification.PromiscuousVerifier")
                .check(classes);
    }
}
