package ca.aiguillage.matching;

import ca.aiguillage.testing.AiguillageArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "ca.aiguillage.matching", importOptions = ImportOption.DoNotIncludeTests.class)
class MatchingArchitectureTests {

	@ArchTest
	static final ArchTests rules = ArchTests.in(AiguillageArchitectureRules.class);

	@ArchTest
	static final ArchRule onlyConsumersTouchMessaging = noClasses().that()
		.haveSimpleNameNotEndingWith("Consumers")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.messaging..");

	@ArchTest
	static final ArchRule policyIsPlainJava = classes().that()
		.haveSimpleNameStartingWith("ProposalPolicy")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("ca.aiguillage.matching.proposal", "ca.aiguillage.contracts..", "java..", "org.jspecify..",
				"org.springframework.stereotype..");

	@ArchTest
	static final ArchRule directoryKnowsNothingOfProposals = noClasses().that()
		.resideInAPackage("ca.aiguillage.matching.directory..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("ca.aiguillage.matching.proposal..");

}
