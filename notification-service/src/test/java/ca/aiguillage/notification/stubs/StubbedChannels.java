package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import ca.aiguillage.notification.channels.WebhookSettings;
import ca.aiguillage.testing.TestIssuer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the booted service at real servers on loopback: GreenMail for SMTP (behind a
 * front that can answer late), the SMS provider stub, the partners' webhook stub, the
 * referral-service contact stub, the waitlist-service forecast stub and the test issuer's
 * token endpoint. One set per test JVM, so that every integration test class shares one
 * context. Tests add {@code @ContextConfiguration(initializers = StubbedChannels.class)}.
 */
public final class StubbedChannels implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The coordinators' address for every organization in tests. */
	public static final String COORDINATORS = "coordination@exemple.ca";

	private static GreenMail mail;

	private static SlowSmtpReplies smtp;

	private static ReferralContactsStub contacts;

	private static WaitlistForecastStub forecasts;

	private static SmsProviderStub sms;

	private static WebhookStub webhooks;

	private static ShiftableClock clock;

	private static synchronized void start() {
		if (mail == null) {
			GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			server.start();
			mail = server;
			smtp = SlowSmtpReplies.start(server.getSmtp().getPort());
			contacts = new ReferralContactsStub();
			forecasts = new WaitlistForecastStub();
			sms = new SmsProviderStub();
			webhooks = new WebhookStub();
			clock = new ShiftableClock();
		}
	}

	public static GreenMail mail() {
		start();
		return mail;
	}

	/** The front the service reaches the SMTP server through. */
	public static SlowSmtpReplies smtp() {
		start();
		return smtp;
	}

	public static ReferralContactsStub contacts() {
		start();
		return contacts;
	}

	public static WaitlistForecastStub forecasts() {
		start();
		return forecasts;
	}

	public static SmsProviderStub sms() {
		start();
		return sms;
	}

	public static WebhookStub webhooks() {
		start();
		return webhooks;
	}

	public static ShiftableClock clock() {
		start();
		return clock;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", smtp.port());
		properties.put("notification.referral-service", contacts.url());
		properties.put("notification.waitlist-service", forecasts.url());
		properties.put("notification.client.token-uri", TestIssuer.get().tokenUri());
		properties.put("notification.client.secret", "notification-service-secret");
		properties.put("notification.channels.sms.base-url", sms.url());
		properties.put("notification.channels.sms.account-sid", SmsProviderStub.ACCOUNT);
		properties.put("notification.channels.sms.auth-token", SmsProviderStub.TOKEN);
		properties.put("notification.channels.retry.initial-backoff", "PT0.05S");
		properties.put("notification.channels.sms.timeout", "PT6S");
		properties.put("notification.channels.circuit-breaker.wait-in-open-state", "PT1S");
		properties.put("notification.dispatch.retry.first-backoff", "PT0.3S");
		properties.put("notification.dispatch.retry.max-backoff", "PT2S");
		properties.put("notification.channels.webhook-timeout", "PT10S");
		// Past the 10 s read timeout, short enough for a test to wait out.
		properties.put("notification.channels.email-data-reply-timeout", "PT20S");
		properties.put("notification.webhooks.allow-http", "true");
		// The partners' stub listens on loopback: allowed only with the local profile.
		properties.put("notification.webhooks.allow-loopback", "true");
		properties.put("notification.dispatch.poll-interval", "PT0.2S");
		// Small enough for a test to reach with three messages to one self-referred
		// client.
		properties.put("notification.budgets.per-destination-hourly", "2");
		properties.put("notification.dispatch.default-coordinator-email", COORDINATORS);
		try {
			properties.put("notification.key-file",
					Files.createTempDirectory("notification-keys").resolve("keys.json").toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stubbed-channels", properties));
		context.getEnvironment().addActiveProfile(WebhookSettings.LOCAL_PROFILE);
		context.getBeanFactory().registerSingleton("clock", clock);
	}

}
