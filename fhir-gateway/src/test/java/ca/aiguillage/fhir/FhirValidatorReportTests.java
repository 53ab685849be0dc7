package ca.aiguillage.fhir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.ConformanceSamples;
import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.directory.HealthcareServiceSamples;
import ca.aiguillage.fhir.intake.IntakeSamples;
import ca.aiguillage.fhir.subscription.SubscriptionSamples;
import ca.aiguillage.fhir.task.TaskSamples;
import ca.aiguillage.testing.Fixtures;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator's result on every example in {@code examples/fhir/} (as JSON and as XML)
 * and on every kind of resource the gateway publishes, answers or pushes, as partners get
 * it (serialized), printed as the table docs/fhir.md shows.
 */
class FhirValidatorReportTests {

	private static final Logger log = LoggerFactory.getLogger(FhirValidatorReportTests.class);

	@Test
	void everyExampleAndEveryResourceWeEmitHasNoValidationError() throws IOException {
		FhirValidator validator = Conformance.load().validator();
		Map<String, String> checked = new LinkedHashMap<>();
		List<String> examples;
		try (Stream<Path> files = Files.list(examplesFolder())) {
			examples = files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".json"))
				.sorted()
				.toList();
		}
		for (String example : examples) {
			String json = Fixtures.repositoryFile("examples/fhir/" + example);
			checked.put("[" + example + "](../examples/fhir/" + example + ")", json);
			checked.put("[" + example + "](../examples/fhir/" + example + "), as XML",
					FhirFormat.XML.write(Conformance.context().newJsonParser().parseResource(json)));
		}
		Map<String, IBaseResource> emitted = new LinkedHashMap<>();
		emitted.putAll(ConformanceSamples.all());
		emitted.putAll(IntakeSamples.all());
		emitted.putAll(TaskSamples.all());
		emitted.putAll(HealthcareServiceSamples.all());
		emitted.putAll(SubscriptionSamples.all());
		emitted.forEach((name, resource) -> checked.put(name, FhirFormat.JSON.write(resource)));

		List<String> table = new ArrayList<>(List.of("| resource | errors | warnings |", "| --- | --- | --- |"));
		List<String> errors = new ArrayList<>();
		Map<String, Integer> warningKinds = new TreeMap<>();
		checked.forEach((name, text) -> {
			List<SingleValidationMessage> messages = validator.validateWithResult(text).getMessages();
			List<SingleValidationMessage> failing = messages.stream()
				.filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
			long warnings = messages.stream()
				.filter(message -> message.getSeverity() == ResultSeverityEnum.WARNING)
				.count();
			messages.stream()
				.filter(message -> message.getSeverity() == ResultSeverityEnum.WARNING)
				.forEach(message -> warningKinds.merge(message.getMessage(), 1, Integer::sum));
			table.add("| " + name + " | " + failing.size() + " | " + warnings + " |");
			failing
				.forEach(message -> errors.add(name + " " + message.getLocationString() + ": " + message.getMessage()));
		});
		table.add("");
		table.add("| warning | times |");
		table.add("| --- | --- |");
		warningKinds.forEach((message, times) -> table.add("| " + message.replace("|", "\\|") + " | " + times + " |"));
		String report = String.join("\n", table);
		log.info("FHIR validator on every example and every resource we emit:\n{}", report);
		Files.writeString(Path.of("target", "fhir-validator-report.md"), report + "\n");

		assertThat(examples).contains("referral-bundle.json", "task-cancel.json");
		assertThat(emitted).hasSizeGreaterThan(25);
		assertThat(errors).isEmpty();
	}

	private static Path examplesFolder() {
		Path dir = Path.of("").toAbsolutePath();
		while (!Files.isDirectory(dir.resolve("examples/fhir"))) {
			dir = dir.getParent();
		}
		return dir.resolve("examples/fhir");
	}

}
