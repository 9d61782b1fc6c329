package org.clusterdeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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
    void storeDependsOnTheModelOnly() {
        classes().that().resideInAPackage("org.clusterdeck.store..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.clusterdeck.store..", "org.clusterdeck.model..",
                        "java..", "javax..", "org.h2..", "org.flywaydb..", "org.slf4j..")
                .because("what the store persists is a model record; features depend on the store, not the other way")
                .check(classes);
    }

    @Test
    void viewsDoNotUseTheStore() {
        noClasses().that().resideInAPackage("org.clusterdeck.ui..").and().haveSimpleNameEndingWith("View")
                .should().dependOnClassesThat().resideInAPackage("org.clusterdeck.store..")
                .because("a view binds controls to its view model; data comes through view models and services")
                .check(classes);
    }

    @Test
    void libvirtStaysInVirt() {
        adapterStaysInside("org.clusterdeck.virt..", "org.libvirt..");
    }

    @Test
    void jnaStaysInVirtAndThePortScannersSocketCalls() {
        noClasses().that().resideOutsideOfPackage("org.clusterdeck.virt..")
                .and().doNotHaveFullyQualifiedName("org.clusterdeck.scan.NativeSockets")
                .and().doNotHaveFullyQualifiedName("org.clusterdeck.scan.NativeSockets$SocketAddress")
                .and().doNotHaveFullyQualifiedName("org.clusterdeck.scan.NativeSockets$Epoll")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
                .because("native calls are confined to the libvirt adapter and the port scanner's socket calls")
                .check(classes);
    }

    @Test
    void sshjStaysInRemote() {
        adapterStaysInside("org.clusterdeck.remote..", "net.schmizz..", "com.hierynomus..");
    }

    @Test
    void nettyStaysInTheBenchmarkEngine() {
        adapterStaysInside("org.clusterdeck.bench..", "io.netty..");
    }

    private static void adapterStaysInside(String adapterPackage, String... libraryPackages) {
        noClasses().that().resideOutsideOfPackage(adapterPackage)
                .should().dependOnClassesThat().resideInAnyPackage(libraryPackages)
                .because("the rest of ClusterDeck sees our own interfaces and exceptions, not the library's")
                .check(classes);
    }

    @Test
    void coreNeverUsesPromiscuousHostKeyVerification() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("net.schmizz.sshj.transport.verification.PromiscuousVerifier")
                .check(classes);
    }
}
