package ca.aiguillage.notification.channels;

import java.net.InetAddress;
import java.time.Clock;

import ca.aiguillage.platform.webhooks.WebhookAddresses;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookLoopbackAllowanceTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(ChannelsConfiguration.class)
		.withBean(Clock.class, Clock::systemUTC)
		.withBean(RestClient.Builder.class, RestClient::builder)
		.withBean(JavaMailSenderImpl.class, JavaMailSenderImpl::new);

	@Test
	void loopbackIsRefusedByDefault() {
		this.context.run(
				started -> assertThat(started.getBean(WebhookAddresses.class).refused(InetAddress.getLoopbackAddress()))
					.isTrue());
	}

	@Test
	void theLoopbackAllowanceStopsTheStartWithoutTheLocalProfile() {
		this.context.withPropertyValues("notification.webhooks.allow-loopback=true")
			.run(started -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining(
						"notification.webhooks.allow-loopback=true is refused without the 'local' profile"));
	}

	@Test
	void theLoopbackAllowanceOpensLoopbackOnlyOnTheLocalProfile() {
		this.context.withPropertyValues("notification.webhooks.allow-loopback=true", "spring.profiles.active=local")
			.run(started -> assertThat(
					started.getBean(WebhookAddresses.class).refused(InetAddress.getLoopbackAddress()))
				.isFalse());
	}

}
