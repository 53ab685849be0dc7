package ca.aiguillage.fhir.conformance;

import java.util.Date;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the gateway does, as FHIR clients discover it: {@code GET /fhir/metadata}. */
@RestController
class CapabilityController {

	private static final Date PUBLISHED = new Date(1_796_083_200_000L);

	@GetMapping("/fhir/metadata")
	ResponseEntity<String> metadata(@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		return FhirFormat.of(format, accept).answer(200, statement());
	}

	static CapabilityStatement statement() {
		CapabilityStatement statement = new CapabilityStatement();
		statement.setUrl(Conformance.BASE + "/CapabilityStatement/fhir-gateway")
			.setName("AiguillageFhirGateway")
			.setTitle("Aiguillage FHIR gateway")
			.setStatus(PublicationStatus.ACTIVE)
			.setDate(PUBLISHED)
			.setPublisher("Aiguillage")
			.setKind(CapabilityStatementKind.INSTANCE)
			.setFhirVersion(FHIRVersion._4_0_1)
			.setDescription("Referrals in as a transaction Bundle (ServiceRequest, Patient, Consent, "
					+ "QuestionnaireResponse of " + Conformance.QUESTIONNAIRE
					+ "), the closed loop out as Task, the directory's capacity as HealthcareService.");
		statement.getImplementation().setDescription("Aiguillage fhir-gateway");
		statement.addFormat("json").addFormat("xml");
		CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
		rest.getSecurity()
			.setCors(false)
			.setDescription("OAuth2 bearer tokens of the Aiguillage authorization server (client credentials, "
					+ "client_secret or private_key_jwt); a partner sees only its own Tasks.")
			.addService(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
			.addService(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service",
					"SMART-on-FHIR", "SMART-on-FHIR")));
		rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
		CapabilityStatementRestResourceComponent task = rest.addResource().setType("Task");
		task.addInteraction().setCode(TypeRestfulInteraction.READ);
		task.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		task.addInteraction()
			.setCode(TypeRestfulInteraction.UPDATE)
			.setDocumentation("Only status = cancelled: withdraws the referral.");
		task.addSearchParam().setName("based-on").setType(SearchParamType.REFERENCE);
		task.addSearchParam().setName("owner").setType(SearchParamType.REFERENCE);
		task.addSearchParam().setName("_lastUpdated").setType(SearchParamType.DATE);
		CapabilityStatementRestResourceComponent service = rest.addResource()
			.setType("HealthcareService")
			.setDocumentation("One per organization, read-only, with the SDOH Clinical Care capacity status "
					+ "computed from its free places now.");
		service.addInteraction().setCode(TypeRestfulInteraction.READ);
		service.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		service.addSearchParam().setName("organization").setType(SearchParamType.REFERENCE);
		service.addSearchParam()
			.setName("language")
			.setType(SearchParamType.TOKEN)
			.setDocumentation("A language of communication (BCP 47: fr, en, es…).");
		CapabilityStatementRestResourceComponent subscription = rest.addResource()
			.setType("Subscription")
			.setDocumentation("R4 Subscriptions Backport, rest-hook, topic "
					+ "https://aiguillage.example.org/fhir/SubscriptionTopic/task-status (Basic/task-status): "
					+ "each move of the partner's own Tasks, signed like our webhooks.");
		subscription.addInteraction().setCode(TypeRestfulInteraction.CREATE);
		subscription.addInteraction().setCode(TypeRestfulInteraction.READ);
		rest.addResource()
			.setType("Basic")
			.setDocumentation("Basic/task-status: the subscription topic, as the backport publishes it in R4.")
			.addInteraction()
			.setCode(TypeRestfulInteraction.READ);
		for (String type : new String[] { "ServiceRequest", "Patient", "Consent", "QuestionnaireResponse" }) {
			rest.addResource()
				.setType(type)
				.setDocumentation(
						"Accepted inside a transaction Bundle only; kept by referral-service, not readable here.");
		}
		return statement;
	}

}
