package ca.aiguillage.localstack;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Rules across all modules, which only this module sees together (main classes only, so
 * the deliberate violations under {@code fixtures.violations} stay out).
 */
@AnalyzeClasses(packages = "ca.aiguillage", importOptions = ImportOption.DoNotIncludeTests.class)
class SystemArchitectureTests {

	@ArchTest
	static final ArchRule servicesNeverDependOnEachOther = SystemRules.servicesAreIndependent("ca.aiguillage");

	@ArchTest
	static final ArchRule rawKafkaClientsOnlyWhereAllowed = SystemRules.rawKafkaClientsOnlyWhereAllowed;

	@ArchTest
	static final ArchRule aggregatesAreFreeOfFrameworkTypes = SystemRules.aggregatesAreFreeOfFrameworkTypes;

	@ArchTest
	static final ArchRule contractsAndPlatformDependOnNoService = noClasses().that()
		.resideInAnyPackage("ca.aiguillage.contracts..", "ca.aiguillage.platform..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("ca.aiguillage.referral..", "ca.aiguillage.matching..", "ca.aiguillage.waitlist..",
				"ca.aiguillage.notification..");

}
