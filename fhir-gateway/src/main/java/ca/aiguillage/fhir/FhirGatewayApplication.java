package ca.aiguillage.fhir;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * fhir-gateway: FHIR R4 for partners' clinical systems, a stateless translator to the
 * partner API plus a small Task projection of the closed loop.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FhirGatewayApplication {

	/**
	 * The configuration file name, so that the services can share one JVM in the local
	 * stack.
	 */
	public static final String CONFIG_NAME = "fhir-gateway";

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(FhirGatewayApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
