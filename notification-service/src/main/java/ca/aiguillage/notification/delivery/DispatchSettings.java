package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How deliveries are sent.
 *
 * @param pollInterval how often due deliveries are looked for (each new one also wakes
 * the sender)
 * @param lease how long a sender holds a delivery before another may take it over
 * @param coordinatorEmails the coordinators' address of each organization
 * @param defaultCoordinatorEmail the address for an organization not listed, or null
 */
@ConfigurationProperties("notification.dispatch")
record DispatchSettings(@DefaultValue("PT1S") Duration pollInterval, @DefaultValue("PT5M") Duration lease,
		@DefaultValue Map<String, String> coordinatorEmails, @Nullable String defaultCoordinatorEmail) {

	@Nullable String coordinatorsOf(@Nullable String organizationId) {
		String listed = (organizationId != null) ? this.coordinatorEmails.get(organizationId) : null;
		return (listed != null) ? listed : this.defaultCoordinatorEmail;
	}

}
