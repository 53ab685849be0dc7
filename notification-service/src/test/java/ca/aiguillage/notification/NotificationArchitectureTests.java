package ca.aiguillage.notification;

import ca.aiguillage.testing.AiguillageArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

@AnalyzeClasses(packages = "ca.aiguillage.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationArchitectureTests {

	@ArchTest
	static final ArchTests rules = ArchTests.in(AiguillageArchitectureRules.class);

}
