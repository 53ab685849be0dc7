package ca.aiguillage.notification.answers;

import ca.aiguillage.notification.delivery.DestinationConfirmation;
import ca.aiguillage.notification.delivery.RecipientProfile;
import ca.aiguillage.notification.delivery.OpenQuestion;
import ca.aiguillage.notification.delivery.NotificationCase;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.notification.consent.SmsOptOuts;
import ca.aiguillage.notification.contacts.PhoneHashes;
import ca.aiguillage.notification.links.ClientLinks;
import ca.aiguillage.notification.links.ClientLinks.Link;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The client's answers, through a signed link or a text-message reply, each taken once in
 * one conditional write of the case; STOP and ARRÊT unsubscribe the number.
 */
@Service
class Answers {

	private final ClientLinks links;

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final SmsOptOuts optOuts;

	private final PhoneHashes phoneHashes;

	private final Clock clock;

	Answers(ClientLinks links, MongoOperations mongo, Aggregates aggregates, SmsOptOuts optOuts,
			PhoneHashes phoneHashes, Clock clock) {
		this.links = links;
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.optOuts = optOuts;
		this.phoneHashes = phoneHashes;
		this.clock = clock;
	}

	/**
	 * What a link shows before it is used.
	 *
	 * @param outcome UNKNOWN for a tampered link, EXPIRED, ALREADY_USED, CLOSED, or
	 * RECORDED while it can still be answered
	 * @param question the question, when the link is genuine
	 * @param language the client's language
	 * @param confirmation the destination the link confirms, when it is a confirmation
	 * link
	 */
	record View(NotificationCase.AnswerOutcome outcome, @Nullable OpenQuestion question, String language,
			@Nullable DestinationConfirmation confirmation) {

		View(NotificationCase.AnswerOutcome outcome, @Nullable OpenQuestion question, String language) {
			this(outcome, question, language, null);
		}

	}

	View view(String token) {
		Instant now = this.clock.instant();
		Optional<Link> link = this.links.read(token);
		Optional<NotificationCase> found = link.flatMap(this::caseOf);
		if (link.isPresent() && found.isEmpty()) {
			return confirmationView(link.get(), now);
		}
		if (link.isEmpty() || found.isEmpty()) {
			return new View(NotificationCase.AnswerOutcome.UNKNOWN, null, "fr");
		}
		OpenQuestion question = found.get().question(link.get().linkId()).orElseThrow();
		String language = languageOf(found.get());
		if (question.answer() != null) {
			return new View(NotificationCase.AnswerOutcome.ALREADY_USED, question, language);
		}
		if (!now.isBefore(question.expiresAt()) || !now.isBefore(link.get().expiresAt())) {
			return new View(NotificationCase.AnswerOutcome.EXPIRED, question, language);
		}
		if (question.closed()) {
			return new View(NotificationCase.AnswerOutcome.CLOSED, question, language);
		}
		return new View(NotificationCase.AnswerOutcome.RECORDED, question, language);
	}

	private View confirmationView(Link link, Instant now) {
		Optional<NotificationCase> found = confirmingCaseOf(link);
		Optional<DestinationConfirmation> confirmation = found.flatMap(known -> known.confirmation(link.linkId()));
		if (found.isEmpty() || confirmation.isEmpty()) {
			return new View(NotificationCase.AnswerOutcome.UNKNOWN, null, "fr");
		}
		String language = languageOf(found.get());
		NotificationCase.AnswerOutcome outcome = confirmation.get().confirmed()
				? NotificationCase.AnswerOutcome.ALREADY_USED
				: (!now.isBefore(confirmation.get().expiresAt()) || !now.isBefore(link.expiresAt()))
						? NotificationCase.AnswerOutcome.EXPIRED : NotificationCase.AnswerOutcome.RECORDED;
		return new View(outcome, null, language, confirmation.get());
	}

	/**
	 * The client confirms a destination through its link, once; the messages that waited
	 * for it go.
	 */
	View confirm(String token) {
		Optional<Link> link = this.links.read(token);
		Optional<NotificationCase> found = link.flatMap(this::confirmingCaseOf);
		if (link.isEmpty() || found.isEmpty()) {
			return new View(NotificationCase.AnswerOutcome.UNKNOWN, null, "fr");
		}
		NotificationCase.AnswerOutcome outcome = take(found.get().getId(),
				known -> known.confirm(link.get().linkId(), this.clock.instant()));
		return new View(outcome, null, languageOf(found.get()),
				found.get().confirmation(link.get().linkId()).orElse(null));
	}

	/** Takes an answer through a link, once. */
	View answer(String token, ClientAnsweredV1.Answer answer) {
		Optional<Link> link = this.links.read(token);
		Optional<NotificationCase> found = link.flatMap(this::caseOf);
		if (link.isEmpty() || found.isEmpty()) {
			return new View(NotificationCase.AnswerOutcome.UNKNOWN, null, "fr");
		}
		NotificationCase.AnswerOutcome outcome = take(found.get().getId(), known -> known.answer(link.get().linkId(),
				answer, ClientAnsweredV1.Channel.LINK, this.clock.instant()));
		return new View(outcome, found.get().question(link.get().linkId()).orElse(null), languageOf(found.get()));
	}

	/**
	 * Takes a text-message reply from a number.
	 * @return what became of it
	 */
	NotificationCase.AnswerOutcome reply(String from, String text) {
		String hash = this.phoneHashes.of(from);
		String word = Normalizer.normalize(text.strip(), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toUpperCase(Locale.ROOT)
			.replaceAll("[^A-Z]", "");
		Instant now = this.clock.instant();
		if (List.of("STOP", "ARRET", "UNSUBSCRIBE", "STOPALL").contains(word)) {
			this.optOuts.optOut(hash, now);
			return NotificationCase.AnswerOutcome.RECORDED;
		}
		Query byNumber = new Query(Criteria.where("phoneHash").is(hash));
		NotificationCase.AnswerOutcome outcome = NotificationCase.AnswerOutcome.UNKNOWN;
		for (NotificationCase known : this.mongo.find(byNumber, NotificationCase.class)) {
			Optional<OpenQuestion> open = known.latestOpenQuestion(now);
			if (open.isEmpty()) {
				continue;
			}
			ClientAnsweredV1.Answer answer = meaning(word, open.get().subject());
			if (answer == null) {
				return NotificationCase.AnswerOutcome.NOT_ALLOWED;
			}
			outcome = take(known.getId(),
					fresh -> fresh.answer(open.get().linkId(), answer, ClientAnsweredV1.Channel.SMS, now));
			break;
		}
		return outcome;
	}

	/**
	 * Takes an answer in one conditional write, decided again on a fresh case if needed.
	 */
	private NotificationCase.AnswerOutcome take(String caseId,
			Function<NotificationCase, NotificationCase.AnswerOutcome> answer) {
		return this.aggregates.update(NotificationCase.class, caseId, found -> {
			if (found.isEmpty()) {
				return Outcome.unchanged(NotificationCase.AnswerOutcome.UNKNOWN);
			}
			NotificationCase.AnswerOutcome outcome = answer.apply(found.get());
			return (outcome == NotificationCase.AnswerOutcome.RECORDED) ? Outcome.save(found.get(), outcome)
					: Outcome.unchanged(outcome);
		});
	}

	private static ClientAnsweredV1.@Nullable Answer meaning(String word, ClientAnsweredV1.Subject subject) {
		boolean yes = List.of("OUI", "YES", "O", "Y").contains(word);
		boolean no = List.of("NON", "NO", "N").contains(word);
		boolean worse = List.of("PIRE", "WORSE").contains(word);
		if (subject == ClientAnsweredV1.Subject.PROPOSAL) {
			return yes ? ClientAnsweredV1.Answer.ACCEPT : no ? ClientAnsweredV1.Answer.DECLINE : null;
		}
		return yes ? ClientAnsweredV1.Answer.STILL_WAITING
				: no ? ClientAnsweredV1.Answer.NO_LONGER_NEEDED : worse ? ClientAnsweredV1.Answer.WORSE : null;
	}

	private Optional<NotificationCase> caseOf(Link link) {
		return Optional.ofNullable(this.mongo.findOne(new Query(Criteria.where("questions.linkId").is(link.linkId())),
				NotificationCase.class));
	}

	private Optional<NotificationCase> confirmingCaseOf(Link link) {
		return Optional.ofNullable(this.mongo
			.findOne(new Query(Criteria.where("confirmations.linkId").is(link.linkId())), NotificationCase.class));
	}

	private static String languageOf(NotificationCase known) {
		RecipientProfile recipient = known.recipient();
		return (recipient != null) ? recipient.language() : "fr";
	}

}
