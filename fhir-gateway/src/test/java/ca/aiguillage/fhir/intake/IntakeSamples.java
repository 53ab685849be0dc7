package ca.aiguillage.fhir.intake;

import java.util.LinkedHashMap;
import java.util.Map;

import ca.aiguillage.fhir.conformance.OperationOutcomes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The answers to the example referral Bundle, as a partner receives them, for the
 * validator.
 */
public final class IntakeSamples {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private IntakeSamples() {
	}

	public static Map<String, IBaseResource> all() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("fhir-gateway-messages", "aiguillage-platform-messages");
		messages.setDefaultEncoding("UTF-8");
		OperationOutcomes outcomes = new OperationOutcomes(messages);
		ReferralMapping.Mapped mapped = ReferralMapping.map(ReferralMappingTests.example());
		Map<String, IBaseResource> answers = new LinkedHashMap<>();
		answers.put("`transaction-response` `Bundle`, received",
				BundleController.response(ReferralMappingTests.example(), mapped,
						JSON.readTree("{\"referralId\":\"ref-1\",\"status\":\"RECEIVED\"}"), outcomes));
		answers
			.put("`transaction-response` `Bundle`, redirected and linked",
					BundleController.response(ReferralMappingTests.example(), mapped,
							JSON.readTree("{\"referralId\":\"ref-2\",\"status\":\"REDIRECTED\","
									+ "\"crisisResources\":[\"911\",\"811\",\"988\"],\"linkedTo\":\"ref-1\"}"),
							outcomes));
		return answers;
	}

}
