package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The booted service with its channels pointed at real servers on loopback, and what its
 * tests share: publishing the contract's fixtures about a new referral, reading the
 * delivery log and the mailbox.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=notification-service")
@ContextConfiguration(initializers = StubbedChannels.class)
abstract class RunningNotificationService extends RunningService {

	static final String FIXTURE_REFERRAL = "0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11";

	/** The fixture's consented channels, however the fixture is laid out. */
	static String withChannels(String json, String channels) {
		String replaced = json.replaceFirst("\"contactChannels\"\\s*:\\s*\\[[^\\]]*\\]",
				"\"contactChannels\": " + channels);
		assertThat(replaced).isNotEqualTo(json);
		return replaced;
	}

	/** The fixture's language, however the fixture is laid out. */
	static String inLanguage(String json, String language) {
		String replaced = json.replaceFirst("\"preferredLanguage\"\\s*:\\s*\"fr\"",
				"\"preferredLanguage\": \"" + language + "\"");
		assertThat(replaced).isNotEqualTo(json);
		return replaced;
	}

	/** A new referral whose client referral-service knows, reachable by email and SMS. */
	static Client newClient(String language) {
		String referral = UUID.randomUUID().toString();
		String tag = referral.substring(0, 8);
		String email = "client-" + tag + "@exemple.ca";
		String mobile = "+1514" + String.format("%07d", Math.abs(referral.hashCode()) % 10_000_000);
		StubbedChannels.contacts().register(referral, language, email, mobile, true, true);
		return new Client(referral, email, mobile);
	}

	/**
	 * A client as referral-service knows them.
	 *
	 * @param email the address
	 * @param mobile the number
	 */
	record Client(String referral, String email, String mobile) {
	}

	void publish(EventDefinition<?> definition, String referral, String eventId, String body) {
		this.kafka.send(definition.topic(), referral, body,
				KafkaProbe.cloudEventHeaders(eventId, definition.type(), referral));
	}

	/**
	 * Publishes the contract's fixture of a type about a referral; returns the event id.
	 */
	String publish(EventDefinition<?> definition, String referral) {
		String eventId = UUID.randomUUID().toString();
		publish(definition, referral, eventId, fixture(definition, referral));
		return eventId;
	}

	/**
	 * An administrator registers a partner's endpoint; returns the signing secret its
	 * answer shows once.
	 */
	String registerWebhook(String partner, String url) {
		Http.Answer answer = this.http.putJson("/api/v1/webhooks/" + partner, "{\"url\":\"" + url + "\"}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.<String>json("$.partnerId")).isEqualTo(partner);
		return answer.json("$.secret");
	}

	List<Map<String, Object>> awaitDeliveries(String referral, int count) {
		return await().atMost(ofSeconds(30))
			.until(() -> deliveries(referral), deliveries -> deliveries.size() >= count);
	}

	List<Map<String, Object>> awaitFinished(String referral, int count) {
		return await().atMost(ofSeconds(30))
			.until(() -> deliveries(referral), deliveries -> deliveries.size() >= count && deliveries.stream()
				.allMatch(d -> List.of("SENT", "FAILED", "UNREACHABLE", "CANCELLED").contains(d.get("status"))));
	}

	List<Map<String, Object>> deliveries(String referral) {
		Http.Answer answer = this.http.get("/api/v1/deliveries?referralId=" + referral);
		assertThat(answer.status()).isEqualTo(200);
		return answer.json("$");
	}

	/** The subject of a self-referred client's first acknowledgement, in French. */
	static final String ASKING_TO_CONFIRM = "Nous avons bien reçu votre demande : confirmez votre adresse";

	private static final Pattern LINK = Pattern.compile("https?://\\S+?(/r/[A-Za-z0-9_.-]+)");

	/** A referral made through the public form: no partner vouches for its contact. */
	void selfReferred(Client client) {
		String fixture = fixture(SUBMITTED, client.referral());
		String selfReferral = replaced(replaced(fixture, "\"PARTNER_API\"", "\"SELF_REFERRAL\""),
				"\"partnerId\": \"clsc-ahuntsic\"", "\"partnerId\": null");
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(), selfReferral);
	}

	/** The path of the client link in a message's text, failing loudly without one. */
	static String linkPath(String text) {
		Matcher matcher = LINK.matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return matcher.group(1);
	}

	/** The first email to this address with this subject, once it arrived. */
	static MimeMessage awaitMail(String address, String subject) {
		return await().atMost(ofSeconds(30))
			.until(() -> mailTo(address).stream().filter(message -> subjectOf(message).equals(subject)).findFirst(),
					Optional::isPresent)
			.orElseThrow();
	}

	static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The whole message as sent, links in one piece. */
	static String textOf(MimeMessage message) {
		// Quoted-printable soft line breaks would cut a long link.
		return com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(message).replace("=\r\n", "");
	}

	static List<MimeMessage> mailTo(String address) {
		return List.of(StubbedChannels.mail().getReceivedMessages())
			.stream()
			.filter(message -> recipients(message).contains(address))
			.toList();
	}

	static MimeMultipart alternatives(MimeMessage email) throws Exception {
		// Spring Mail nests the alternatives in mixed and related parts, ready for
		// attachments.
		MimeMultipart content = (MimeMultipart) email.getContent();
		while (!content.getContentType().startsWith("multipart/alternative")
				&& content.getBodyPart(0).getContent() instanceof MimeMultipart nested) {
			content = nested;
		}
		return content;
	}

	/** The plain-text part of an email, as the client's mail program shows it. */
	static String plainText(MimeMessage email) throws Exception {
		return (String) alternatives(email).getBodyPart(0).getContent();
	}

	private static String recipients(MimeMessage message) {
		try {
			return String.valueOf(List.of(message.getAllRecipients()));
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String fixture(EventDefinition<?> definition, String referral) {
		String fixture = Fixtures
			.repositoryFile("event-contracts/src/test/resources/fixtures/" + definition.type() + ".json");
		return replaced(fixture, FIXTURE_REFERRAL, referral);
	}

	/**
	 * Replaces text that must be there, so a changed fixture fails loudly instead of
	 * testing nothing.
	 */
	static String replaced(String json, String from, String to) {
		assertThat(json).contains(from);
		return json.replace(from, to);
	}

	List<KafkaProbe.WireRecord> notificationEvents(String referral) {
		return this.kafka.readAll(Topics.NOTIFICATION_EVENTS).stream().filter(r -> referral.equals(r.key())).toList();
	}

	static String type(EventDefinition<?> definition) {
		return definition.type();
	}

	static final EventDefinition<?> SUBMITTED = EventCatalog.REFERRAL_SUBMITTED_V1;

	static final EventDefinition<?> PROPOSED = EventCatalog.PROPOSAL_MADE_V1;

}
