package ca.aiguillage.localstack;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Rules across all modules, which only this module sees together (main classes only, so
 * the deliberate violations under {@code fixtures.violations} stay out). The load
 * generator, on this module's test class path for its own test, is left out too: it is a
 * client outside the system, which drives the stack through its doors and measures the
 * bare work with plain Kafka and MongoDB clients on purpose.
 */
@AnalyzeClasses(packages = "ca.aiguillage",
		importOptions = { ImportOption.DoNotIncludeTests.class, SystemArchitectureTests.OutsideTheSystem.class })
class SystemArchitectureTests {

	/** Leaves the load generator's classes out. */
	static final class OutsideTheSystem implements ImportOption {

		@Override
		public boolean includes(Location location) {
			return !location.contains("/ca/aiguillage/load/");
		}

	}

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
