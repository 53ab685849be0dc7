package ca.aiguillage.fhir.conformance;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One validator per service: building it reads every R4 profile. */
@Configuration(proxyBeanMethods = false)
class ConformanceConfiguration {

	@Bean
	Conformance conformance() {
		return Conformance.load();
	}

}
