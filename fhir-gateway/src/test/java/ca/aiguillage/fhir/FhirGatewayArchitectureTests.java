package ca.aiguillage.fhir;

import ca.aiguillage.testing.AiguillageArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The services' structure rules for the gateway: test-support's shared rules name the
 * four services' packages, so the three that name them are stated here for ours.
 */
@AnalyzeClasses(packages = "ca.aiguillage.fhir", importOptions = ImportOption.DoNotIncludeTests.class)
class FhirGatewayArchitectureTests {

	@ArchTest
	static final ArchRule rootPackageHoldsOnlyTheApplication = classes().that()
		.resideInAPackage("ca.aiguillage.fhir")
		.and()
		.doNotHaveSimpleName("package-info")
		.should()
		.haveSimpleNameEndingWith("Application");

	@ArchTest
	static final ArchRule onlyConsumersTouchSpringCloudStream = noClasses().that()
		.haveSimpleNameNotEndingWith("Consumers")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.cloud.stream..");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("ca.aiguillage.fhir.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule noVagueNames = AiguillageArchitectureRules.noVagueNames;

}
