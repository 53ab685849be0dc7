package ca.aiguillage.contracts;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

@AnalyzeClasses(packages = "ca.aiguillage.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTests {

	@ArchTest
	static final ArchRule contractsDependOnNoFramework = classes().that()
		.resideInAPackage("ca.aiguillage.contracts..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("ca.aiguillage.contracts..", "java..", "org.jspecify..");

	@ArchTest
	static final ArchRule eventDataAreRecords = classes().that()
		.resideInAnyPackage("ca.aiguillage.contracts.referral", "ca.aiguillage.contracts.matching",
				"ca.aiguillage.contracts.waitlist")
		.and()
		.haveSimpleNameEndingWith("V1")
		.should()
		.beRecords();

}
