package ca.aiguillage.waitlist.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a client's answer to a check-in does, and when a client is asked before their turn
 * comes.
 *
 * @param closeWhenNoLongerNeeded whether a client's « NON, plus besoin » takes the
 * referral out of the queue by itself (issue 16), instead of asking a coordinator to
 * @param headOfLine how many of the first clients waiting in a line are asked, once a
 * wait, whether they are still available when a place is likely to free up for them soon
 * (0 asks nobody early)
 * @param likelyStartWithin how soon the expected start must fall for the line to count as
 * likely to move
 * @param headOfLinePollInterval how often the heads of the lines are looked at (with the
 * timers: not when {@code waitlist.timers.enabled=false})
 */
@ConfigurationProperties("waitlist.check-ins")
public record CheckInSettings(@DefaultValue("true") boolean closeWhenNoLongerNeeded, @DefaultValue("3") int headOfLine,
		@DefaultValue("P14D") Duration likelyStartWithin, @DefaultValue("PT5M") Duration headOfLinePollInterval) {

}
