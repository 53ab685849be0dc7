package ca.aiguillage.localstack;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Rules across all modules, which only this module sees together. */
@AnalyzeClasses(packages = "ca.aiguillage", importOptions = ImportOption.DoNotIncludeTests.class)
class SystemArchitectureTests {

	@ArchTest
	static final ArchRule servicesNeverDependOnEachOther = slices()
		.matching("ca.aiguillage.(referral|matching|waitlist|notification)..")
		.should()
		.notDependOnEachOther();

	@ArchTest
	static final ArchRule contractsAndPlatformDependOnNoService = noClasses().that()
		.resideInAnyPackage("ca.aiguillage.contracts..", "ca.aiguillage.platform..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("ca.aiguillage.referral..", "ca.aiguillage.matching..", "ca.aiguillage.waitlist..",
				"ca.aiguillage.notification..");

}
