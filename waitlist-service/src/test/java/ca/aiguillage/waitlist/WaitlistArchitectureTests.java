package ca.aiguillage.waitlist;

import ca.aiguillage.testing.AiguillageArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

@AnalyzeClasses(packages = "ca.aiguillage.waitlist", importOptions = ImportOption.DoNotIncludeTests.class)
class WaitlistArchitectureTests {

	@ArchTest
	static final ArchTests rules = ArchTests.in(AiguillageArchitectureRules.class);

}
