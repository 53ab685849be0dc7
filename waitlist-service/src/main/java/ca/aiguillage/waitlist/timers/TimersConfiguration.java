package ca.aiguillage.waitlist.timers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the poller, unless {@code waitlist.timers.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "waitlist.timers.enabled", matchIfMissing = true)
class TimersConfiguration {

}
