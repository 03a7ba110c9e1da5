package io.github.facenet4j.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Charts are text: the module needs the JDK alone (and, at build time, the OSGi annotations on
 * its package-info), and no AWT or image I/O from it.
 */
class ReportsUseOnlyTheJdkTest {

    @Test
    void reportsDependOnTheJdkButNotOnAwt() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j.reports");
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("io.github.facenet4j.reports..", "java..", "org.osgi.annotation..")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.imageio..")
                .check(classes);
    }
}
