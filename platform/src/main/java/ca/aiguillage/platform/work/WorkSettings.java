package ca.aiguillage.platform.work;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How background work finds what is due.
 *
 * @param scanInterval how often a {@link DueTimes} list looks through the store for what
 * this instance's saves did not tell it (another instance's work, left when it died)
 */
@ConfigurationProperties("aiguillage.work")
public record WorkSettings(@DefaultValue("PT5M") Duration scanInterval) {

}
