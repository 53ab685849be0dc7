package ca.aiguillage.testing;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure every service keeps (see the house style): package by feature, only
 * {@code *Consumers} touch Spring Cloud Stream, features free of cycles, no vague names.
 * A service's test includes them with {@code @ArchTest static final ArchTests rules =
 * ArchTests.in(AiguillageArchitectureRules.class)} and analyses its own root package.
 * Rules that need every module at once (services independent of each other, raw Kafka
 * clients, aggregates free of framework types) are in local-stack's
 * {@code SystemArchitectureTests}.
 */
public final class AiguillageArchitectureRules {

	@ArchTest
	static final ArchRule rootPackageHoldsOnlyTheApplication = classes().that()
		.resideInAnyPackage("ca.aiguillage.referral", "ca.aiguillage.matching", "ca.aiguillage.waitlist",
				"ca.aiguillage.notification")
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
	static final ArchRule featuresAreFreeOfCycles = slices()
		.matching("ca.aiguillage.(referral|matching|waitlist|notification).(*)..")
		.should()
		.beFreeOfCycles();

	/**
	 * No {@code *Impl}, {@code *Manager}, {@code *Util} or {@code *Helper}: shared with
	 * non-service modules.
	 */
	@ArchTest
	public static final ArchRule noVagueNames = noClasses().should()
		.haveSimpleNameEndingWith("Impl")
		.orShould()
		.haveSimpleNameEndingWith("Manager")
		.orShould()
		.haveSimpleNameEndingWith("Util")
		.orShould()
		.haveSimpleNameEndingWith("Helper");

	private AiguillageArchitectureRules() {
	}

}
