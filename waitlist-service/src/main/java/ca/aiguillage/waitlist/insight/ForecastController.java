package ca.aiguillage.waitlist.insight;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.waitlist.insight.StartForecast.PredictedStart;
import ca.aiguillage.waitlist.queue.QueueEntries;
import ca.aiguillage.waitlist.queue.QueueEntry;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A referral's predicted start, for its organization's coordinators, for its referrer,
 * and for notification-service to tell the client.
 */
@RestController
class ForecastController {

	private final QueueEntries entries;

	private final StartForecast forecast;

	ForecastController(QueueEntries entries, StartForecast forecast) {
		this.entries = entries;
		this.forecast = forecast;
	}

	@GetMapping("/api/v1/queue/{referralId}/predicted-start")
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR', 'PARTNER') or (hasRole('SERVICE') and T(ca.aiguillage.platform.security.Caller).current().isService('notification-service'))")
	PredictedStart predictedStart(@PathVariable String referralId) {
		Caller caller = Caller.current();
		QueueEntry entry = this.entries.find(referralId)
			.filter(found -> caller.isAdmin() || caller.isService("notification-service")
					|| caller.coordinates(found.organizationId()) || caller.isPartner(found.partnerId()))
			// Another's referral reads exactly like an unknown one.
			.orElseThrow(() -> new NotFoundException("referral"));
		return this.forecast.forecast(entry);
	}

}
