package ca.aiguillage.authorization;

import ca.aiguillage.testing.AiguillageArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house structure, and the reason this server can be swapped for any OpenID Connect
 * provider: it knows nothing of the services, their events or their stores.
 */
@AnalyzeClasses(packages = "ca.aiguillage.authorization", importOptions = ImportOption.DoNotIncludeTests.class)
class AuthorizationServerArchitectureTests {

	@ArchTest
	static final ArchRule rootPackageHoldsOnlyTheApplication = classes().that()
		.resideInAPackage("ca.aiguillage.authorization")
		.and()
		.doNotHaveSimpleName("package-info")
		.should()
		.haveSimpleNameEndingWith("Application");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("ca.aiguillage.authorization.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule knowsNothingOfTheServicesTheirEventsOrTheirStores = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("ca.aiguillage.platform..", "ca.aiguillage.contracts..", "ca.aiguillage.referral..",
				"ca.aiguillage.matching..", "ca.aiguillage.waitlist..", "ca.aiguillage.notification..",
				"org.springframework.kafka..", "org.springframework.cloud.stream..", "org.springframework.data..");

	@ArchTest
	static final ArchRule noVagueNames = AiguillageArchitectureRules.noVagueNames;

}
