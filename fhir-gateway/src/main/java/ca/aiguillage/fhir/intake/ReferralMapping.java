package ca.aiguillage.fhir.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.FhirProblem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.PatientCommunicationComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A referral Bundle as exactly the partner API's JSON, and for each field of that JSON
 * the FHIR element it came from, so that referral-service's field errors name FHIR
 * elements. Values pass through as they are: referral-service's rules judge them, not a
 * second copy of those rules here.
 */
final class ReferralMapping {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Map<String, String> DAYS = Map.of("mon", "MONDAY", "tue", "TUESDAY", "wed", "WEDNESDAY", "thu",
			"THURSDAY", "fri", "FRIDAY", "sat", "SATURDAY", "sun", "SUNDAY");

	private static final Map<String, String> PRIORITIES = Map.of("stat", "A", "asap", "B", "urgent", "C", "routine",
			"D");

	private final ObjectNode body = NODES.objectNode();

	private final Map<String, String> elements = new LinkedHashMap<>();

	private ReferralMapping() {
	}

	/**
	 * Maps a referral Bundle.
	 * @param bundle a transaction Bundle, already valid FHIR
	 * @return the partner API's request, where each field came from, and the idempotency
	 * key of the ServiceRequest's identifier
	 * @throws FhirProblem when the Bundle lacks a resource a referral needs
	 */
	static Mapped map(Bundle bundle) {
		return new ReferralMapping().mapBundle(bundle);
	}

	private Mapped mapBundle(Bundle bundle) {
		List<FhirProblem.Issue> missing = new ArrayList<>();
		if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
			missing.add(FhirProblem.Issue.of(IssueType.INVALID, "Bundle.type", "fhir.bundle.transaction"));
		}
		Optional<Integer> request = only(bundle, ServiceRequest.class, missing, "fhir.bundle.service-request");
		Optional<Integer> patient = only(bundle, Patient.class, missing, "fhir.bundle.patient");
		Optional<Integer> needs = only(bundle, QuestionnaireResponse.class, missing, "fhir.bundle.needs");
		if (!missing.isEmpty()) {
			throw new FhirProblem(400, missing);
		}
		int sr = request.orElseThrow();
		ServiceRequest serviceRequest = (ServiceRequest) bundle.getEntry().get(sr).getResource();
		Identifier identifier = serviceRequest.getIdentifierFirstRep();
		if (!identifier.hasValue()) {
			throw new FhirProblem(400, FhirProblem.Issue.of(IssueType.REQUIRED, path(sr) + ".identifier",
					"fhir.service-request.identifier"));
		}
		String qr = path(needs.orElseThrow());
		QuestionnaireResponse response = (QuestionnaireResponse) bundle.getEntry().get(needs.get()).getResource();
		if (!response.getQuestionnaire().split("\\|")[0].equals(Conformance.QUESTIONNAIRE)) {
			throw new FhirProblem(400,
					FhirProblem.Issue.of(IssueType.INVALID, qr + ".questionnaire", "fhir.needs.questionnaire"));
		}
		serviceRequest(serviceRequest, path(sr));
		patient((Patient) bundle.getEntry().get(patient.orElseThrow()).getResource(), path(patient.get()));
		consents(bundle);
		needs(response, qr);
		return new Mapped(this.body, Map.copyOf(this.elements), idempotencyKey(identifier), sr);
	}

	private void serviceRequest(ServiceRequest request, String at) {
		put(this.body, "partnerReference", request.getIdentifierFirstRep().getValue(), at + ".identifier[0].value");
		if (request.hasPerformer() && request.getPerformerFirstRep().getIdentifier().hasValue()) {
			put(this.body, "targetOrganizationId", request.getPerformerFirstRep().getIdentifier().getValue(),
					at + ".performer[0].identifier.value");
		}
		if (request.hasPriority()) {
			String code = request.getPriority().toCode();
			put(this.body, "priority", PRIORITIES.getOrDefault(code, code), at + ".priority");
		}
		ObjectNode needs = object("needs");
		CodeableConcept reason = request.getReasonCodeFirstRep();
		String text = reason.hasText() ? reason.getText() : reason.getCodingFirstRep().getDisplay();
		if (text != null) {
			put(needs, "needs.reason", text, at + ".reasonCode[0].text");
		}
		this.elements.put("needs", at + ".supportingInfo");
	}

	private void patient(Patient patient, String at) {
		ObjectNode client = object("client");
		this.elements.put("client", at);
		HumanName name = patient.getNameFirstRep();
		if (name.hasGiven()) {
			put(client, "client.firstName", String.join(" ", name.getGiven().stream().map(g -> g.getValue()).toList()),
					at + ".name[0].given");
		}
		if (name.hasFamily()) {
			put(client, "client.lastName", name.getFamily(), at + ".name[0].family");
		}
		if (patient.hasBirthDateElement()) {
			put(client, "client.dateOfBirth", patient.getBirthDateElement().getValueAsString(), at + ".birthDate");
		}
		List<ContactPoint> telecom = patient.getTelecom();
		for (int i = 0; i < telecom.size(); i++) {
			ContactPoint point = telecom.get(i);
			if (point.getSystem() == ContactPoint.ContactPointSystem.EMAIL && !client.has("email")) {
				put(client, "client.email", point.getValue(), at + ".telecom[" + i + "].value");
			}
		}
		int phone = mobilePhone(telecom);
		if (phone >= 0) {
			put(client, "client.mobilePhone", telecom.get(phone).getValue(), at + ".telecom[" + phone + "].value");
		}
		if (patient.getAddressFirstRep().hasPostalCode()) {
			put(client, "client.postalCode", patient.getAddressFirstRep().getPostalCode(),
					at + ".address[0].postalCode");
		}
		List<PatientCommunicationComponent> communication = patient.getCommunication();
		ArrayNode languages = NODES.arrayNode();
		for (int i = 0; i < communication.size(); i++) {
			String language = language(communication.get(i).getLanguage());
			String element = at + ".communication[" + i + "].language";
			if (language == null) {
				continue;
			}
			if (communication.get(i).getPreferred() && !client.has("preferredLanguage")) {
				put(client, "client.preferredLanguage", language, element);
			}
			this.elements.put("client.languages[" + languages.size() + "]", element);
			languages.add(language);
		}
		if (!client.has("preferredLanguage") && !languages.isEmpty()) {
			put(client, "client.preferredLanguage", languages.get(0).asString(), at + ".communication[0].language");
		}
		if (!languages.isEmpty()) {
			client.set("languages", languages);
			this.elements.put("client.languages", at + ".communication");
		}
	}

	private void consents(Bundle bundle) {
		ObjectNode consent = object("consent");
		this.elements.put("consent", "Bundle.entry.resource.ofType(Consent)");
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			if (bundle.getEntry().get(i).getResource() instanceof Consent given) {
				for (Coding coding : given.getCategory().stream().flatMap(c -> c.getCoding().stream()).toList()) {
					if (Conformance.CONSENT_KIND.equals(coding.getSystem()) && coding.hasCode()) {
						boolean permit = given.getProvision().getType() == Consent.ConsentProvisionType.PERMIT
								&& given.getStatus() == Consent.ConsentState.ACTIVE;
						consent.put(coding.getCode(), permit);
						this.elements.put("consent." + coding.getCode(), path(i) + ".provision.type");
					}
				}
			}
		}
	}

	private void needs(QuestionnaireResponse response, String at) {
		ObjectNode needs = object("needs");
		ObjectNode household = object("household");
		ObjectNode risk = object("risk");
		this.elements.put("household", at);
		this.elements.put("risk", at);
		ArrayNode approaches = NODES.arrayNode();
		ArrayNode availability = NODES.arrayNode();
		List<QuestionnaireResponseItemComponent> items = response.getItem();
		for (int i = 0; i < items.size(); i++) {
			QuestionnaireResponseItemComponent item = items.get(i);
			String element = at + ".item[" + i + "]";
			List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
			@Nullable Type answer = answers.isEmpty() ? null : answers.get(0).getValue();
			String value = element + ".answer[0].value";
			switch (item.getLinkId()) {
				case "clientele" -> putValue(needs, "needs.clientele", answer, value);
				case "modality" -> putValue(needs, "needs.modality", answer, value);
				case "approach-required" -> putValue(needs, "needs.approachRequired", answer, value);
				case "max-travel-km" -> putValue(needs, "needs.maxTravelKm", answer, value);
				case "annual-income" -> putValue(household, "household.annualIncome", answer, value);
				case "dependents" -> putValue(household, "household.dependents", answer, value);
				case "imminent-risk" -> putValue(risk, "risk.imminentRisk", answer, value);
				case "approaches" -> {
					for (int a = 0; a < answers.size(); a++) {
						this.elements.put("needs.approaches[" + approaches.size() + "]",
								element + ".answer[" + a + "].value");
						approaches.add(String.valueOf(scalar(answers.get(a).getValue())));
					}
					this.elements.put("needs.approaches", element);
				}
				case "availability" -> {
					this.elements.put("needs.availability[" + availability.size() + "]", element);
					availability.add(slot(item));
				}
				default -> {
					// The validator already refused items our Questionnaire does not
					// have.
				}
			}
		}
		if (!approaches.isEmpty()) {
			needs.set("approaches", approaches);
		}
		if (!availability.isEmpty()) {
			needs.set("availability", availability);
			this.elements.put("needs.availability", at + ".item.where(linkId = 'availability')");
		}
	}

	private static ObjectNode slot(QuestionnaireResponseItemComponent group) {
		ObjectNode slot = NODES.objectNode();
		for (QuestionnaireResponseItemComponent part : group.getItem()) {
			if (part.getAnswer().isEmpty()) {
				continue;
			}
			Object value = scalar(part.getAnswerFirstRep().getValue());
			switch (part.getLinkId()) {
				case "availability.day" ->
					slot.put("day", DAYS.getOrDefault(String.valueOf(value), String.valueOf(value)));
				// FHIR times carry seconds; the partner API's slots are hours and
				// minutes.
				case "availability.start" -> slot.put("start", hoursAndMinutes(String.valueOf(value)));
				case "availability.end" -> slot.put("end", hoursAndMinutes(String.valueOf(value)));
				default -> {
				}
			}
		}
		return slot;
	}

	private static String hoursAndMinutes(String time) {
		return (time.length() == 8 && time.endsWith(":00")) ? time.substring(0, 5) : time;
	}

	private void putValue(ObjectNode node, String field, @Nullable Type answer, String element) {
		this.elements.put(field, element);
		if (answer == null) {
			return;
		}
		Object value = scalar(answer);
		String name = field.substring(field.indexOf('.') + 1);
		switch (value) {
			case Boolean b -> node.put(name, b);
			case Integer n -> node.put(name, n);
			default -> node.put(name, value.toString());
		}
	}

	private static Object scalar(@Nullable Type value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Coding coding) {
			return coding.getCode();
		}
		if (value instanceof org.hl7.fhir.r4.model.BooleanType b) {
			return b.getValue();
		}
		if (value instanceof org.hl7.fhir.r4.model.IntegerType n) {
			return n.getValue();
		}
		return value.primitiveValue();
	}

	private void put(ObjectNode node, String field, String value, String element) {
		node.put(field.substring(field.lastIndexOf('.') + 1), value);
		this.elements.put(field, element);
	}

	private ObjectNode object(String name) {
		return this.body.has(name) ? (ObjectNode) this.body.get(name) : this.body.putObject(name);
	}

	private static int mobilePhone(List<ContactPoint> telecom) {
		int any = -1;
		for (int i = 0; i < telecom.size(); i++) {
			ContactPoint point = telecom.get(i);
			if (point.getSystem() == ContactPoint.ContactPointSystem.PHONE
					|| point.getSystem() == ContactPoint.ContactPointSystem.SMS) {
				if (point.getUse() == ContactPoint.ContactPointUse.MOBILE) {
					return i;
				}
				any = (any < 0) ? i : any;
			}
		}
		return any;
	}

	private static @Nullable String language(CodeableConcept language) {
		for (Coding coding : language.getCoding()) {
			if ("urn:ietf:bcp:47".equals(coding.getSystem()) && coding.hasCode()) {
				// The partner API takes ISO 639 languages: a BCP 47 tag's primary subtag.
				return coding.getCode().split("-")[0].toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

	private static Optional<Integer> only(Bundle bundle, Class<? extends Resource> type,
			List<FhirProblem.Issue> missing, String messageKey) {
		List<Integer> found = new ArrayList<>();
		List<BundleEntryComponent> entries = bundle.getEntry();
		for (int i = 0; i < entries.size(); i++) {
			if (type.isInstance(entries.get(i).getResource())) {
				found.add(i);
			}
		}
		if (found.size() != 1) {
			missing.add(FhirProblem.Issue.of(IssueType.REQUIRED,
					"Bundle.entry.resource.ofType(" + type.getSimpleName() + ")", messageKey));
			return Optional.empty();
		}
		return Optional.of(found.get(0));
	}

	private static String path(int entry) {
		return "Bundle.entry[" + entry + "].resource";
	}

	private static String idempotencyKey(Identifier identifier) {
		// The partner API takes keys of at most 100 characters: a digest of any
		// identifier
		// fits.
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((identifier.getSystem() + "|" + identifier.getValue()).getBytes(StandardCharsets.UTF_8));
			return "fhir-" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A mapped referral.
	 *
	 * @param body the partner API's request
	 * @param elements for each field of the request, the FHIR element it came from
	 * @param idempotencyKey the partner API's Idempotency-Key for the ServiceRequest's
	 * identifier
	 * @param serviceRequestEntry the index of the ServiceRequest's entry
	 */
	record Mapped(ObjectNode body, Map<String, String> elements, String idempotencyKey, int serviceRequestEntry) {

		/**
		 * The FHIR element a partner API field came from: the field itself, or the
		 * nearest enclosing field that has one.
		 * @param field a field as referral-service names it, such as
		 * {@code needs.availability[1].end}
		 * @return its FHIRPath
		 */
		String element(String field) {
			String candidate = field;
			while (!candidate.isEmpty()) {
				String element = this.elements.get(candidate);
				if (element != null) {
					return element;
				}
				int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
				candidate = (cut > 0) ? candidate.substring(0, cut) : "";
			}
			return "Bundle.entry[" + this.serviceRequestEntry + "].resource";
		}

	}

}
