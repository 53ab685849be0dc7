package ca.aiguillage.waitlist.insight;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How predicted starts are worked out.
 *
 * @param defaultTherapyDays how long a therapy lasts, in days, while too few have ended
 * to measure it
 * @param minEndedTherapies how many ended therapies it takes to use their mean length
 * @param horizonDays how far away, in days, the earliest likely start may be for a date
 * to be given; beyond it a client is told no date, and the coordinator why
 */
@ConfigurationProperties("waitlist.forecast")
record ForecastSettings(@DefaultValue("126") int defaultTherapyDays, @DefaultValue("5") int minEndedTherapies,
		@DefaultValue("365") int horizonDays) {
}
