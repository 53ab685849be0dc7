package ca.aiguillage.platform.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much each aggregate remembers.
 *
 * @param keptEventIds how many of the latest applied event ids each aggregate keeps to
 * recognise a redelivery; older ones are dropped first (see {@link Aggregate#hasApplied})
 */
@ConfigurationProperties("aiguillage.aggregates")
public record AggregateSettings(@DefaultValue("200") int keptEventIds) {

	public AggregateSettings {
		if (keptEventIds < 1) {
			throw new IllegalArgumentException("aiguillage.aggregates.kept-event-ids must be at least 1");
		}
	}

}
