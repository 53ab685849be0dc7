package ca.aiguillage.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.conformance.Validation;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.UserAgent;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A partner's clinical system speaking FHIR to a running local stack: a HAPI FHIR generic
 * client posts the example Bundle, follows its Task through the real services on the real
 * broker and database, and cancels it. The stack's authorization server must know the
 * CLSC's EHR ({@link #systemsWithTheEhr}) from its start.
 */
final class FhirJourney {

	private static final Logger log = LoggerFactory.getLogger(FhirJourney.class);

	// The CLSC's EHR: its private key signs its assertions, its JWK Set publishes the
	// public half.
	private static final String EHR = "clsc-ahuntsic-ehr";

	private static final RSAKey EHR_KEY = rsaKey();

	private FhirJourney() {
	}

	/**
	 * Publishes the EHR's public key on the loopback, as its JWK Set.
	 * @return the server, to stop once the stack is stopped
	 * @throws IOException when no port could be bound
	 */
	static HttpServer publishTheEhrsKeys() throws IOException {
		return publish(new JWKSet(EHR_KEY.toPublicJWK()));
	}

	/**
	 * The local stack's demo systems and the EHR beside them, as the authorization server
	 * reads them as it starts.
	 * @param ehrKeys the server of {@link #publishTheEhrsKeys()}
	 * @return the properties
	 */
	static Map<String, String> systemsWithTheEhr(HttpServer ehrKeys) {
		return demoSystemsAnd("http://127.0.0.1:" + ehrKeys.getAddress().getPort() + "/.well-known/jwks.json");
	}

	static void systemAuthenticatedBySmartBackendServicesSendsABundleAndSeesItsReferralAndTaskMove(LocalStack stack)
			throws JOSEException {
		// Discovery, then a token for a signed assertion (private_key_jwt), as a SMART
		// backend service does.
		Http.Answer smart = Http.localhost(stack.fhirPort()).get("/fhir/.well-known/smart-configuration");
		String tokenEndpoint = smart.json("$.token_endpoint");
		assertThat(smart.<List<String>>json("$.token_endpoint_auth_methods_supported")).contains("private_key_jwt");
		UserAgent.Answer token = new UserAgent(stack.authorizationPort()).post("/oauth2/token",
				Map.of("grant_type", "client_credentials", "client_id", EHR, "client_assertion_type",
						"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion",
						assertion(tokenEndpoint)));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		String ehrToken = token.json("$.access_token");
		IGenericClient fhir = client(stack, ehrToken);
		Bundle bundle = FhirFormat.JSON.read(Bundle.class,
				Fixtures.repositoryFile("examples/fhir/referral-bundle.json"));
		// Another person than the other tests' referral: not a duplicate of it.
		((ServiceRequest) bundle.getEntry().get(0).getResource()).getIdentifierFirstRep()
			.setValue("CLSC-AHU-2026-0777");
		Patient patient = (Patient) bundle.getEntry().get(1).getResource();
		patient.getNameFirstRep().setFamily("Gagnon").getGiven().get(0).setValue("Louis");
		patient.getBirthDateElement().setValueAsString("1984-09-30");
		patient.getTelecom().get(0).setValue("louis.gagnon@example.org");
		patient.getTelecom().get(1).setValue("+1 514 555 0777");

		Bundle response = fhir.transaction().withBundle(bundle).execute();

		String location = response.getEntry().get(0).getResponse().getLocation();
		assertThat(location).startsWith("ServiceRequest/");
		String id = location.substring("ServiceRequest/".length());
		Http.Answer referral = Http.localhost(stack.port(0)).withToken(ehrToken).get("/api/v1/referrals/" + id);
		assertThat(referral.status()).as(referral.body()).isEqualTo(200);
		assertThat(referral.<String>json("$.partnerReference")).isEqualTo("CLSC-AHU-2026-0777");
		Task proposed = await().atMost(ofSeconds(60))
			.until(() -> fhir.read().resource(Task.class).withId(id).execute(),
					task -> "proposed".equals(task.getBusinessStatus().getCodingFirstRep().getCode()));
		assertThat(proposed.getRequester().getIdentifier().getValue()).isEqualTo("clsc-ahuntsic");
		assertThat(proposed.getOwner().getReference()).startsWith("Organization/org-");
	}

	static void partnerSendsAReferralBundleAndFollowsItsTaskToInProgressThenCancelsIt(LocalStack stack) {
		String partnerToken = ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner",
				"demo-partner-secret");
		Http waitlist = Http.localhost(stack.port(2))
			.withToken(ConsoleSignIn.accessToken(stack.authorizationPort(), "admin", "admin-demo"));
		IGenericClient fhir = client(stack, partnerToken);
		Validation validation = new Validation(Conformance.load());
		// Another person than the other journeys' referrals: not a duplicate of one.
		String example = Fixtures.repositoryFile("examples/fhir/referral-bundle.json")
			.replace("CLSC-AHU-2026-0142", "CLSC-AHU-2026-0888")
			.replace("\"Tremblay\"", "\"Roy\"")
			.replace("marie-eve.tremblay@", "chloe.roy@")
			.replace("+1 514 555 0142", "+1 514 555 0888");

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

	static void bundleThatReferralServiceRefusesGetsAnOperationOutcomeNamingThePatientElement(LocalStack stack) {
		String partnerToken = ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner",
				"demo-partner-secret");
		IGenericClient fhir = client(stack, partnerToken);
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
			.postJson("/fhir", fhir.getFhirContext().newJsonParser().encodeResourceToString(bundle), "Accept-Language",
					"en");
		assertThat(english.status()).isEqualTo(400);
		assertThat(english.<String>json("$.issue[0].expression[0]")).isEqualTo("Bundle.entry[1].resource.birthDate");
		assertThat(english.<String>json("$.issue[0].details.text")).isEqualTo("The date of birth must be in the past.");
		// Nothing stored: the partner's referrals are as many as before.
		assertThat(referrals.get("/api/v1/referrals").<Integer>json("$.total").longValue()).isEqualTo(before);
	}

	/** A HAPI FHIR generic client of the stack's gateway, with a bearer token. */
	private static IGenericClient client(LocalStack stack, String token) {
		FhirContext context = FhirContext.forR4();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient fhir = context.newRestfulGenericClient("http://127.0.0.1:" + stack.fhirPort() + "/fhir");
		fhir.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return fhir;
	}

	// The local stack's demo systems, and the EHR beside them: a list is bound from one
	// source only, so the whole list goes in.
	private static Map<String, String> demoSystemsAnd(String jwkSetUrl) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("authorization-server-local.yml"));
		Properties local = yaml.getObject();
		String prefix = "aiguillage.authorization.systems[";
		Map<String, String> systems = new LinkedHashMap<>();
		local.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith(prefix))
			.forEach((name) -> systems.put(name, local.getProperty(name)));
		long index = systems.keySet().stream().map((name) -> name.substring(0, name.indexOf(']'))).distinct().count();
		String ehr = prefix + index + "].";
		systems.put(ehr + "client-id", EHR);
		systems.put(ehr + "jwk-set-url", jwkSetUrl);
		systems.put(ehr + "roles[0]", "PARTNER");
		systems.put(ehr + "partner-id", "clsc-ahuntsic");
		return systems;
	}

	private static String assertion(String tokenEndpoint) throws JOSEException {
		Instant now = Instant.now();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(EHR_KEY.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(EHR)
					.subject(EHR)
					.audience(tokenEndpoint)
					.jwtID(UUID.randomUUID().toString())
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(240)))
					.build());
		jwt.sign(new RSASSASigner(EHR_KEY));
		return jwt.serialize();
	}

	private static RSAKey rsaKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer publish(JWKSet keys) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] published = keys.toString().getBytes(StandardCharsets.UTF_8);
		server.createContext("/.well-known/jwks.json", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, published.length);
			exchange.getResponseBody().write(published);
			exchange.close();
		});
		server.start();
		return server;
	}

	private static void act(Http waitlist, String id, String action) {
		String etag = waitlist.get("/api/v1/queue/" + id).header("etag");
		Http.Answer done = waitlist.postJson("/api/v1/queue/" + id + "/" + action, "{}", "If-Match", etag);
		assertThat(done.status()).as(done.body()).isEqualTo(200);
	}

}
