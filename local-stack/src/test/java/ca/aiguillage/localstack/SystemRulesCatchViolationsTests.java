package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each system rule reports exactly the deliberate violation made for it, and the rule
 * against empty rules holds over every module's compiled classes, tests included.
 */
class SystemRulesCatchViolationsTests {

	private static final String FIXTURES = "ca.aiguillage.localstack.fixtures.violations";

	@Test
	void aServiceUsingAnotherServicesClassBreaksIndependence() {
		EvaluationResult result = SystemRules.servicesAreIndependent(FIXTURES + ".independence")
			.evaluate(fixtures("independence"));

		assertThat(details(result)).singleElement()
			.asString()
			.contains("independence.referral.Intake")
			.contains("independence.matching.Matcher");
	}

	@Test
	void aRawKafkaClientOutsideTheAllowedClassesIsReported() {
		EvaluationResult result = SystemRules.rawKafkaClientsOnlyWhereAllowed.evaluate(fixtures("kafka"));

		assertThat(details(result)).isNotEmpty()
			.allSatisfy(
					detail -> assertThat(detail).contains("kafka.RawConsumer").contains("org.apache.kafka.clients"));
	}

	@Test
	void everyClassAllowedARawKafkaClientExists() {
		JavaClasses all = new ClassFileImporter().importPackages("ca.aiguillage");

		assertThat(SystemRules.RAW_KAFKA_CLIENT_USERS).allSatisfy(name -> assertThat(all.contain(name)).isTrue());
	}

	@Test
	void anAggregateHoldingAFrameworkTypeIsReportedAndAMappedOneIsNot() {
		EvaluationResult result = SystemRules.aggregatesAreFreeOfFrameworkTypes.evaluate(fixtures("aggregates"));

		assertThat(details(result)).singleElement()
			.asString()
			.contains("LeakyAggregate.lastQuery")
			.contains("org.springframework.data.mongodb.core.query.Criteria");
	}

	@Test
	void aRuleAllowedToSelectNothingIsReported() {
		EvaluationResult result = SystemRules.noRulePassesWhenItSelectsNothing.evaluate(fixtures("emptyshould"));

		assertThat(details(result)).singleElement().asString().contains("LenientRules.lenient()");
	}

	@Test
	void noModuleLetsARuleSelectNothing() throws IOException {
		SystemRules.noRulePassesWhenItSelectsNothing.check(everyModulesClasses());
	}

	private static JavaClasses fixtures(String name) {
		return new ClassFileImporter().importPackages(FIXTURES + "." + name);
	}

	private static List<String> details(EvaluationResult result) {
		return result.getFailureReport().getDetails();
	}

	private static JavaClasses everyModulesClasses() throws IOException {
		// Tests run in this module's directory; its siblings are the other modules.
		try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
			List<Path> compiled = modules
				.flatMap(module -> Stream.of(module.resolve("target/classes"), module.resolve("target/test-classes")))
				.filter(Files::isDirectory)
				.toList();
			assertThat(compiled).hasSizeGreaterThan(10);
			return new ClassFileImporter()
				.withImportOption(location -> !location.contains("/ca/aiguillage/localstack/fixtures/"))
				.importPaths(compiled);
		}
	}

}
