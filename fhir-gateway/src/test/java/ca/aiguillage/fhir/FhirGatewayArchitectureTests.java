package ca.aiguillage.fhir;

import ca.aiguillage.testing.AiguillageArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

@AnalyzeClasses(packages = "ca.aiguillage.fhir", importOptions = ImportOption.DoNotIncludeTests.class)
class FhirGatewayArchitectureTests {

	@ArchTest
	static final ArchTests rules = ArchTests.in(AiguillageArchitectureRules.class);

}
