package ca.aiguillage.notification.contacts;

import java.time.Clock;
import java.time.Duration;

import ca.aiguillage.notification.channels.Guards;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The contact directory, the start forecasts and the keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContactSettings.class)
class ContactsConfiguration {

	/**
	 * Forecasts are read while an event is handled: a silent service must not hold it up.
	 */
	private static final Duration FORECAST_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	ServiceTokens serviceTokens(ContactSettings settings, RestClient.Builder http, Clock clock) {
		return new ServiceTokens(http, settings.client(), clock);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> serviceTokenAhead(ServiceTokens tokens) {
		return ready -> tokens.fetchAhead();
	}

	@Bean
	ContactDirectory contactDirectory(ContactSettings settings, RestClient.Builder http, ServiceTokens tokens,
			Guards guards) {
		return new ContactDirectory(new ServiceCalls(ContactDirectory.NAME, "CONTACT_",
				http.clone().baseUrl(settings.referralService().toString()).build(), tokens, guards));
	}

	@Bean
	StartForecasts startForecasts(ContactSettings settings, RestClient.Builder http, ServiceTokens tokens,
			Guards guards) {
		return new StartForecasts(waitlistService("FORECAST_", settings, http, tokens, guards));
	}

	@Bean
	AnswerWindows answerWindows(ContactSettings settings, RestClient.Builder http, ServiceTokens tokens,
			Guards guards) {
		return new AnswerWindows(waitlistService("ANSWER_WINDOW_", settings, http, tokens, guards));
	}

	/** Calls to waitlist-service, read while an event is handled, behind one breaker. */
	private static ServiceCalls waitlistService(String reasonPrefix, ContactSettings settings, RestClient.Builder http,
			ServiceTokens tokens, Guards guards) {
		SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
		timeouts.setConnectTimeout(FORECAST_TIMEOUT);
		timeouts.setReadTimeout(FORECAST_TIMEOUT);
		return new ServiceCalls(StartForecasts.NAME, reasonPrefix,
				http.clone().baseUrl(settings.waitlistService().toString()).requestFactory(timeouts).build(), tokens,
				guards);
	}

	@Bean
	NotificationKeys notificationKeys(ContactSettings settings) {
		return NotificationKeys.load(settings.keyFile());
	}

	@Bean
	PhoneHashes phoneHashes(NotificationKeys keys) {
		return new PhoneHashes(keys.phoneHashKey());
	}

}
