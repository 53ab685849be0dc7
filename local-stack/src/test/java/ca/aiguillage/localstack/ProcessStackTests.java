package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.util.List;

import ca.aiguillage.localstack.ProcessStack.Part;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process stack runs the FHIR gateway in a process of its own beside the four
 * services, started and checked like them.
 */
class ProcessStackTests {

	@TempDir
	Path data;

	@Test
	void fhirGatewayRunsInItsOwnProcessAndIsHealthyLikeTheServices() {
		try (ProcessStack stack = ProcessStack
			.start(new LocalStack.Settings(this.data, 0, 0, 0, 0, List.of(0, 0, 0, 0), false))) {
			assertThat(stack.pid(Part.FHIR)).isNotEqualTo(ProcessHandle.current().pid())
				.isNotEqualTo(stack.pid(Part.REFERRAL));
			for (Part part : List.of(Part.REFERRAL, Part.MATCHING, Part.WAITLIST, Part.NOTIFICATION, Part.FHIR)) {
				Http.Answer health = Http.localhost(stack.port(part)).get("/actuator/health");
				assertThat(health.<String>json("$.status")).as(part.name()).isEqualTo("UP");
			}
			String token = ConsoleSignIn.systemToken(stack.port(Part.AUTHORIZATION), "demo-partner",
					"demo-partner-secret");
			Http.Answer metadata = Http.localhost(stack.port(Part.FHIR)).withToken(token).get("/fhir/metadata");
			assertThat(metadata.status()).as(metadata.body()).isEqualTo(200);
			assertThat(metadata.<String>json("$.resourceType")).isEqualTo("CapabilityStatement");
			assertThat(this.data.resolve("logs").resolve("fhir.log")).exists();
		}
	}

}
