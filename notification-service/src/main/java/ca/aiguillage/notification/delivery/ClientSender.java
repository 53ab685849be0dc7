package ca.aiguillage.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import ca.aiguillage.notification.budgets.MessageBudgets;
import ca.aiguillage.notification.channels.Guards;
import ca.aiguillage.notification.channels.SmsGateway;
import ca.aiguillage.notification.consent.SmsOptOuts;
import ca.aiguillage.notification.contacts.Contact;
import ca.aiguillage.notification.contacts.ContactDirectory;
import ca.aiguillage.notification.contacts.Masks;
import ca.aiguillage.notification.contacts.PhoneHashes;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import org.springframework.stereotype.Component;

/**
 * Writes to the client by email or text message, on the contact details referral-service
 * gives at send time and only on a channel they consented to.
 */
@Component
class ClientSender implements AudienceSender {

	/** Why a self-referral's text message to a number outside Canada is not sent. */
	static final String NOT_CANADIAN = "SMS_NOT_CANADIAN";

	private static final String CANADA = "CA";

	/** How far the provider's clock may be behind ours when it dates a message. */
	private static final Duration PROVIDER_CLOCK_SKEW = Duration.ofMinutes(1);

	private final ContactDirectory contacts;

	private final Mailer mailer;

	private final SmsGateway sms;

	private final Guards guards;

	private final SmsOptOuts optOuts;

	private final PhoneHashes phoneHashes;

	private final MessageBudgets budgets;

	private final Clock clock;

	ClientSender(ContactDirectory contacts, Mailer mailer, SmsGateway sms, Guards guards, SmsOptOuts optOuts,
			PhoneHashes phoneHashes, MessageBudgets budgets, Clock clock) {
		this.budgets = budgets;
		this.clock = clock;
		this.contacts = contacts;
		this.mailer = mailer;
		this.sms = sms;
		this.guards = guards;
		this.optOuts = optOuts;
		this.phoneHashes = phoneHashes;
	}

	@Override
	public DeliveryResult send(NotificationCase known, Delivery delivery, List<Guards.Attempt> attempts) {
		List<Guards.Attempt> lookups = new ArrayList<>();
		Optional<Contact> found;
		try {
			found = this.contacts.find(known.getId(), lookups);
		}
		finally {
			// A successful lookup is no attempt at the message itself.
			lookups.stream().filter(attempt -> !"OK".equals(attempt.outcome())).forEach(attempts::add);
		}
		if (found.isEmpty()) {
			return DeliveryResult.failed("CONTACT_UNKNOWN", attempts);
		}
		Contact contact = found.get();
		return (delivery.channel() == Channel.EMAIL) ? email(known, contact, delivery, attempts)
				: text(known, contact, delivery, attempts);
	}

	/**
	 * A self-referral's messages count against its destination's and the global hourly
	 * budgets; others are the referrer's and the organization's.
	 */
	private Optional<String> overBudget(NotificationCase known, Channel channel, String destinationHash) {
		return selfReferred(known) ? this.budgets.take(channel.name(), destinationHash, this.clock.instant())
				: Optional.empty();
	}

	private DeliveryResult held(String reason, List<Guards.Attempt> attempts) {
		// Held, not dropped: tried again with back-off until the budget allows or the
		// deadline passes.
		attempts.add(new Guards.Attempt(this.clock.instant(), reason));
		return DeliveryResult.retry(reason, attempts);
	}

	private static boolean selfReferred(NotificationCase known) {
		RecipientProfile recipient = known.recipient();
		return recipient != null && recipient.selfReferred();
	}

	private static boolean canadian(String mobile) {
		PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
		try {
			return numbers.isValidNumberForRegion(numbers.parse(mobile, CANADA), CANADA);
		}
		catch (NumberParseException ex) {
			return false;
		}
	}

	private DeliveryResult email(NotificationCase known, Contact contact, Delivery delivery,
			List<Guards.Attempt> attempts) {
		String address = contact.email();
		if (address == null || address.isBlank() || !contact.consentsTo("email")) {
			return DeliveryResult.failed(NotificationCase.NO_REACHABLE_CHANNEL, attempts);
		}
		Optional<String> held = overBudget(known, Channel.EMAIL, this.phoneHashes.ofEmail(address));
		if (held.isPresent()) {
			return held(held.get(), attempts);
		}
		return DeliveryResult.sent(this.mailer.send(address, delivery.language(), delivery.subject(), delivery.body(),
				delivery.deliveryId(), attempts), attempts);
	}

	private DeliveryResult text(NotificationCase known, Contact contact, Delivery delivery,
			List<Guards.Attempt> attempts) {
		String mobile = contact.mobilePhone();
		if (mobile == null || mobile.isBlank() || !contact.consentsTo("sms")) {
			return DeliveryResult.failed(NotificationCase.NO_REACHABLE_CHANNEL, attempts);
		}
		String hash = this.phoneHashes.of(mobile);
		if (this.optOuts.optedOut(hash)) {
			return new DeliveryResult(DeliveryStatus.FAILED, Masks.phone(mobile), "OPTED_OUT", attempts, hash);
		}
		if (selfReferred(known) && !canadian(mobile)) {
			// Whoever filled the public form chose the number: no texts abroad at the
			// organization's cost.
			return new DeliveryResult(DeliveryStatus.FAILED, Masks.phone(mobile), NOT_CANADIAN, attempts, null);
		}
		Optional<String> held = overBudget(known, Channel.SMS, hash);
		if (held.isPresent()) {
			return held(held.get(), attempts);
		}
		// Any earlier attempt may have reached the provider without an answer coming
		// back.
		AtomicBoolean askFirst = new AtomicBoolean(!delivery.attempts().isEmpty());
		this.guards.call(SmsGateway.NAME, () -> {
			if (askFirst.get()) {
				Optional<String> taken = this.sms.find(mobile, delivery.body(),
						delivery.recordedAt().minus(PROVIDER_CLOCK_SKEW));
				if (taken.isPresent()) {
					return taken.get();
				}
			}
			askFirst.set(true);
			return this.sms.send(mobile, delivery.body(), delivery.deliveryId());
		}, attempts);
		return new DeliveryResult(DeliveryStatus.SENT, Masks.phone(mobile), null, attempts, hash);
	}

}
