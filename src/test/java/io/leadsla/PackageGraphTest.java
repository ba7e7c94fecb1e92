package io.leadsla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The features (packages under io.leadsla) depend on each other without loops, so each can be read alone. */
@AnalyzeClasses(packages = "io.leadsla", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageGraphTest {

  @ArchTest
  static final ArchRule noLoopsBetweenFeatures = slices().matching("io.leadsla.(*)..").should().beFreeOfCycles();

  /** Meters are counted from everywhere, so they know no feature. */
  @ArchTest
  static final ArchRule metersKnowNoFeature = noClasses().that().resideInAPackage("io.leadsla.metrics..")
      .should().dependOnClassesThat().resideInAnyPackage("io.leadsla.intake..", "io.leadsla.lead..",
          "io.leadsla.notification..", "io.leadsla.nurture..", "io.leadsla.report..", "io.leadsla.routing..",
          "io.leadsla.sla..", "io.leadsla.tasklist..", "io.leadsla.team..");
}
