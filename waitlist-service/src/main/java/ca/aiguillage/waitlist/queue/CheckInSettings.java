package ca.aiguillage.waitlist.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a client's answer to a check-in does.
 *
 * @param closeWhenNoLongerNeeded whether a client's « NON, plus besoin » takes the
 * referral out of the queue by itself (issue 16), instead of asking a coordinator to
 */
@ConfigurationProperties("waitlist.check-ins")
public record CheckInSettings(@DefaultValue("true") boolean closeWhenNoLongerNeeded) {

}
