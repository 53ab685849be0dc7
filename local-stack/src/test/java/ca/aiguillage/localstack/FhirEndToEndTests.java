package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.conformance.Validation;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A partner's clinical system speaking FHIR to the running local stack: a HAPI FHIR
 * generic client posts the example Bundle, follows its Task through the real services on
 * the real broker and database, and cancels it.
 */
class FhirEndToEndTests {

	private static final Logger log = LoggerFactory.getLogger(FhirEndToEndTests.class);

	@TempDir
	static Path data;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		stack = LocalStack.start(new LocalStack.Settings(data, FreePorts.next(), FreePorts.next(), FreePorts.next(),
				FreePorts.next(), List.of(0, 0, 0, 0), true));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void partnerSendsAReferralBundleAndFollowsItsTaskToInProgressThenCancelsIt() {
		String partnerToken = ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner",
				"demo-partner-secret");
		Http waitlist = Http.localhost(stack.port(2))
			.withToken(ConsoleSignIn.accessToken(stack.authorizationPort(), "admin", "admin-demo"));
		FhirContext context = FhirContext.forR4();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient fhir = context.newRestfulGenericClient("http://127.0.0.1:" + stack.fhirPort() + "/fhir");
		fhir.registerInterceptor(new BearerTokenAuthInterceptor(partnerToken));
		Validation validation = new Validation(Conformance.load());
		String example = Fixtures.repositoryFile("examples/fhir/referral-bundle.json");

		long sent = System.nanoTime();
		Bundle response = fhir.transaction().withBundle(FhirFormat.JSON.read(Bundle.class, example)).execute();
		String location = response.getEntry().get(0).getResponse().getLocation();
		assertThat(location).startsWith("ServiceRequest/");
		String id = location.substring("ServiceRequest/".length());
		assertThat(validation.errors(response)).isEmpty();
		// A retried transaction is the same referral, not a second one.
		assertThat(fhir.transaction()
			.withBundle(FhirFormat.JSON.read(Bundle.class, example))
			.execute()
			.getEntry()
			.get(0)
			.getResponse()
			.getLocation()).isEqualTo(location);

		Http.Answer queued = await().atMost(ofSeconds(60))
			.until(() -> waitlist.get("/api/v1/queue?referralId=" + id),
					answer -> answer.<List<String>>json("$.items[*].status").contains("PROPOSED"));
		assertThat(queued.<String>json("$.items[0].status")).isEqualTo("PROPOSED");
		Task proposed = await().atMost(ofSeconds(30))
			.until(() -> fhir.read().resource(Task.class).withId(id).execute(),
					task -> "proposed".equals(task.getBusinessStatus().getCodingFirstRep().getCode()));
		assertThat(proposed.getStatus()).isEqualTo(Task.TaskStatus.RECEIVED);
		assertThat(proposed.getOwner().getReference()).startsWith("Organization/org-");
		assertThat(validation.errors(proposed)).isEmpty();

		act(waitlist, id, "confirmation");
		await().atMost(ofSeconds(30))
			.until(() -> fhir.read().resource(Task.class).withId(id).execute().getStatus(),
					Task.TaskStatus.ACCEPTED::equals);
		log.info("From the Bundle to its Task accepted (the coordinator confirming at once): {} ms",
				Duration.ofNanos(System.nanoTime() - sent).toMillis());
		act(waitlist, id, "first-session");
		await().atMost(ofSeconds(30))
			.until(() -> fhir.read().resource(Task.class).withId(id).execute().getStatus(),
					Task.TaskStatus.INPROGRESS::equals);
		Bundle found = fhir.search()
			.forResource(Task.class)
			.where(Task.BASED_ON.hasId("ServiceRequest/" + id))
			.returnBundle(Bundle.class)
			.execute();
		assertThat(found.getEntry()).hasSize(1);
		assertThat(validation.errors(found)).isEmpty();

		Task cancel = FhirFormat.JSON.read(Task.class,
				Fixtures.repositoryFile("examples/fhir/task-cancel.json").replace("REFERRAL-ID", id));
		Task cancelled = (Task) fhir.update().resource(cancel).execute().getResource();
		assertThat(cancelled.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
		await().atMost(ofSeconds(30))
			.until(() -> fhir.read()
				.resource(Task.class)
				.withId(id)
				.execute()
				.getBusinessStatus()
				.getCodingFirstRep()
				.getCode(), "withdrawn"::equals);
	}

	@Test
	void bundleThatReferralServiceRefusesGetsAnOperationOutcomeNamingThePatientElement() {
		String partnerToken = ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner",
				"demo-partner-secret");
		FhirContext context = FhirContext.forR4();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient fhir = context.newRestfulGenericClient("http://127.0.0.1:" + stack.fhirPort() + "/fhir");
		fhir.registerInterceptor(new BearerTokenAuthInterceptor(partnerToken));
		Bundle bundle = FhirFormat.JSON.read(Bundle.class,
				Fixtures.repositoryFile("examples/fhir/referral-bundle.json"));
		Patient patient = (Patient) bundle.getEntry().get(1).getResource();
		// Valid FHIR, but no one is born tomorrow: referral-service's own rule refuses
		// it.
		patient.getBirthDateElement().setValueAsString(LocalDate.now().plusDays(2).toString());
		Http referrals = Http.localhost(stack.port(0)).withToken(partnerToken);
		long before = referrals.get("/api/v1/referrals").<Integer>json("$.total");

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> fhir.transaction().withBundle(bundle).execute())
			.satisfies(refused -> {
				OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
				assertThat(outcome.getIssue()).extracting(issue -> issue.getExpression().get(0).getValue())
					.containsExactly("Bundle.entry[1].resource.birthDate");
			});
		Http.Answer english = Http.localhost(stack.fhirPort())
			.withToken(partnerToken)
			.postJson("/fhir", context.newJsonParser().encodeResourceToString(bundle), "Accept-Language", "en");
		assertThat(english.status()).isEqualTo(400);
		assertThat(english.<String>json("$.issue[0].expression[0]")).isEqualTo("Bundle.entry[1].resource.birthDate");
		assertThat(english.<String>json("$.issue[0].details.text")).isEqualTo("The date of birth must be in the past.");
		// Nothing stored: the partner's referrals are as many as before.
		assertThat(referrals.get("/api/v1/referrals").<Integer>json("$.total").longValue()).isEqualTo(before);
	}

	private static void act(Http waitlist, String id, String action) {
		String etag = waitlist.get("/api/v1/queue/" + id).header("etag");
		Http.Answer done = waitlist.postJson("/api/v1/queue/" + id + "/" + action, "{}", "If-Match", etag);
		assertThat(done.status()).as(done.body()).isEqualTo(200);
	}

}
