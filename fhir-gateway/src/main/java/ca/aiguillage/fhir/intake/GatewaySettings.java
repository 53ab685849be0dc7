package ca.aiguillage.fhir.intake;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway sends what it translates.
 *
 * @param referralService the base URL of referral-service's partner API
 */
@ConfigurationProperties("fhir")
public record GatewaySettings(URI referralService) {
}
