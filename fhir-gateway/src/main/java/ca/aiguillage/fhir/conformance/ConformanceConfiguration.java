package ca.aiguillage.fhir.conformance;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One validator per service: building it reads every R4 profile. */
@Configuration(proxyBeanMethods = false)
class ConformanceConfiguration {

	@Bean
	Conformance conformance() {
		Conformance conformance = Conformance.load();
		// The validator reads the R4 profiles on first use: at start, not on a partner's
		// first request.
		conformance.validator().validateWithResult(Conformance.warmUp());
		return conformance;
	}

}
