package ca.aiguillage.fhir.directory;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway reads the organizations' names and service areas.
 *
 * @param matchingService the base URL of matching-service, whose
 * {@code GET /api/v1/organizations} lists them
 * @param keepFor how long a list read is used before it is read again
 * @param timeout how long matching-service may take to answer
 */
@ConfigurationProperties("fhir.directory")
public record DirectorySettings(@DefaultValue("http://localhost:8082") URI matchingService,
		@DefaultValue("PT5M") Duration keepFor, @DefaultValue("PT5S") Duration timeout) {
}
