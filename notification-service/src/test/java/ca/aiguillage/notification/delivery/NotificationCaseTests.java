package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.ShippedTemplates;
import ca.aiguillage.notification.templates.Audience;
import ca.aiguillage.notification.templates.MessageFacts;
import ca.aiguillage.notification.templates.MessageRequest;
import ca.aiguillage.notification.templates.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NotificationCaseTests {

	/** 09:05 in Montreal. */
	private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");

	/** 22:30 in Montreal: quiet hours. */
	private static final Instant LATE_EVENING = Instant.parse("2026-11-21T03:30:00Z");

	private final Templates templates = ShippedTemplates.load();

	@Test
	void proposalIsRecordedOncePerConsentedChannelAndOnceForTheReferrer() {
		NotificationCase notificationCase = submitted(
				SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS));

		notificationCase.request(requests("proposal-1", SampleEvents.proposal()), this.templates, NOW);

		assertThat(notificationCase.deliveries())
			.extracting(Delivery::eventId, Delivery::template, Delivery::channel, Delivery::status)
			.containsExactly(tuple("submitted-1", "referral-received", Channel.EMAIL, DeliveryStatus.PENDING),
					tuple("submitted-1", "referral-received", Channel.SMS, DeliveryStatus.PENDING),
					tuple("submitted-1", "referrer-received", Channel.WEBHOOK, DeliveryStatus.PENDING),
					tuple("proposal-1", "proposal-made", Channel.EMAIL, DeliveryStatus.PENDING),
					tuple("proposal-1", "proposal-made", Channel.SMS, DeliveryStatus.PENDING),
					tuple("proposal-1", "referrer-proposed", Channel.WEBHOOK, DeliveryStatus.PENDING));
		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.audience() == Audience.CLIENT)
			.allSatisfy(delivery -> {
				assertThat(delivery.language()).isEqualTo("fr");
				assertThat(delivery.recordedAt()).isEqualTo(NOW);
				assertThat(delivery.dueAt()).isEqualTo(NOW);
			});
	}

	@Test
	void textMessageRecordedInQuietHoursIsDueAtEightInTheMorningWhileEmailGoesAtOnce() {
		NotificationCase notificationCase = new NotificationCase(SampleEvents.REFERRAL);
		ReferralSubmittedV1 submitted = SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS);
		notificationCase.referredBy(submitted.partnerId());

		notificationCase.recipientKnown(RecipientProfile.of(submitted), requests("submitted-1", submitted), List.of(),
				this.templates, LATE_EVENING);

		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.audience() == Audience.CLIENT)
			.extracting(Delivery::channel, Delivery::dueAt)
			.containsExactly(tuple(Channel.EMAIL, LATE_EVENING),
					tuple(Channel.SMS, Instant.parse("2026-11-21T13:00:00Z")));
		assertThat(notificationCase.due(LATE_EVENING)).extracting(Delivery::channel)
			.containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
	}

	@Test
	void crisisTextMessageGoesEvenInQuietHours() {
		NotificationCase notificationCase = new NotificationCase(SampleEvents.REFERRAL);
		var redirected = SampleEvents.redirected();
		notificationCase.referredBy(redirected.partnerId());

		notificationCase.recipientKnown(RecipientProfile.of(redirected), requests("redirected-1", redirected),
				List.of(), this.templates, LATE_EVENING);

		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.channel() == Channel.SMS)
			.singleElement()
			.satisfies(sms -> {
				assertThat(sms.dueAt()).isEqualTo(LATE_EVENING);
				assertThat(sms.body()).contains("911", "811", "988", "1 866 APPELLE");
			});
		assertThat(notificationCase.deliveries()).extracting(Delivery::audience)
			.contains(Audience.COORDINATOR, Audience.REFERRER);
	}

	@Test
	void proposalArrivingBeforeItsReferralWaitsForTheRecipientThenFollowsTheAcknowledgement() {
		NotificationCase notificationCase = new NotificationCase(SampleEvents.REFERRAL);

		notificationCase.request(requests("proposal-1", SampleEvents.proposal()), this.templates, NOW);

		assertThat(notificationCase.deliveries()).isEmpty();
		assertThat(notificationCase.awaitingRecipient()).extracting(MessageRequest::template)
			.containsExactly("proposal-made", "referrer-proposed");

		ReferralSubmittedV1 submitted = SampleEvents.submitted("en", ContactChannel.EMAIL);
		notificationCase.referredBy(submitted.partnerId());
		notificationCase.recipientKnown(RecipientProfile.of(submitted), requests("submitted-1", submitted), List.of(),
				this.templates, NOW);

		assertThat(notificationCase.awaitingRecipient()).isEmpty();
		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.audience() == Audience.CLIENT)
			.extracting(Delivery::template, Delivery::language, Delivery::subject)
			.containsExactly(tuple("referral-received", "en", "We have received your request"),
					tuple("proposal-made", "en", "A place is offered to you"));
	}

	@Test
	void clientWithoutConsentedChannelGetsOneUnreachableDeliveryPublishedAsFailed() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr"));

		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.audience() == Audience.CLIENT)
			.singleElement()
			.satisfies(delivery -> {
				assertThat(delivery.channel()).isEqualTo(Channel.NONE);
				assertThat(delivery.status()).isEqualTo(DeliveryStatus.UNREACHABLE);
				assertThat(delivery.reasonCode()).isEqualTo("NO_REACHABLE_CHANNEL");
				assertThat(delivery.subject()).isEqualTo("Nous avons bien reçu votre demande");
			});
		assertThat(notificationCase.raisedEvents()).singleElement()
			.isInstanceOfSatisfying(DeliveryRecordedV1.class, recorded -> {
				assertThat(recorded.outcome()).isEqualTo(DeliveryRecordedV1.Outcome.FAILED);
				assertThat(recorded.reasonCode()).isEqualTo("NO_REACHABLE_CHANNEL");
				assertThat(recorded.channel()).isNull();
			});
	}

	@Test
	void clientWhoseLanguageHasNoTemplatesIsWrittenToInFrench() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("es", ContactChannel.SMS));

		assertThat(notificationCase.recipient())
			.isEqualTo(new RecipientProfile("es", List.of(ContactChannel.SMS), null, false));
		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.audience() == Audience.CLIENT)
			.singleElement()
			.extracting(Delivery::language, Delivery::subject)
			.containsExactly("fr", "Nous avons bien reçu votre demande");
	}

	@Test
	void channelConsentedTwiceGetsOneDelivery() {
		NotificationCase notificationCase = submitted(
				SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.EMAIL));

		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.audience() == Audience.CLIENT)
			.extracting(Delivery::channel)
			.containsExactly(Channel.EMAIL);
	}

	@Test
	void deliveryIdIsStableForAnEventAndChannelAndDistinctAcrossChannels() {
		ReferralSubmittedV1 event = SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS);

		List<String> first = submitted(event).deliveries().stream().map(Delivery::deliveryId).toList();
		List<String> again = submitted(event).deliveries().stream().map(Delivery::deliveryId).toList();

		assertThat(first).doesNotHaveDuplicates().hasSize(3).isEqualTo(again);
	}

	@Test
	void claimedDeliveryIsNotDueUntilItsLeaseRunsOutAndIsFinishedOnce() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		Delivery email = notificationCase.due(NOW).get(0);

		assertThat(notificationCase.claim(email.deliveryId(), NOW, Duration.ofMinutes(5))).isPresent();
		assertThat(notificationCase.claim(email.deliveryId(), NOW, Duration.ofMinutes(5))).isEmpty();
		assertThat(notificationCase.due(NOW.plusSeconds(60))).extracting(Delivery::deliveryId)
			.doesNotContain(email.deliveryId());
		assertThat(notificationCase.due(NOW.plusSeconds(301))).extracting(Delivery::deliveryId)
			.contains(email.deliveryId());

		notificationCase.finish(email.deliveryId(), DeliveryStatus.SENT, "c•••@exemple.ca", null,
				List.of(new Delivery.Attempt(NOW, "OK")), null, NOW);
		notificationCase.finish(email.deliveryId(), DeliveryStatus.FAILED, null, "LATE", List.of(), null, NOW);

		assertThat(notificationCase.delivery(email.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(notificationCase.raisedEvents()).filteredOn(DeliveryRecordedV1.class::isInstance).hasSize(1);
	}

	@Test
	void emailWhoseServerNeverConfirmedItIsPublishedAsSentWithItsServersSilenceSaid() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		String email = notificationCase.due(NOW).get(0).deliveryId();
		notificationCase.claim(email, NOW, Duration.ofMinutes(5));

		notificationCase.finish(email, DeliveryStatus.SENT, "c•••@exemple.ca", "SMTP_UNCONFIRMED",
				List.of(new Delivery.Attempt(NOW, "SMTP_UNCONFIRMED")), null, NOW);

		assertThat(notificationCase.raisedEvents()).filteredOn(DeliveryRecordedV1.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(DeliveryRecordedV1.class, recorded -> {
				assertThat(recorded.outcome()).isEqualTo(DeliveryRecordedV1.Outcome.SENT);
				assertThat(recorded.reasonCode()).isEqualTo("SMTP_UNCONFIRMED");
			});
	}

	@Test
	void confirmedSendIsPublishedAsSentWithoutAReason() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		String email = notificationCase.due(NOW).get(0).deliveryId();
		notificationCase.claim(email, NOW, Duration.ofMinutes(5));

		notificationCase.finish(email, DeliveryStatus.SENT, "c•••@exemple.ca", null,
				List.of(new Delivery.Attempt(NOW, "OK")), null, NOW);

		assertThat(notificationCase.raisedEvents()).filteredOn(DeliveryRecordedV1.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(DeliveryRecordedV1.class, recorded -> {
				assertThat(recorded.outcome()).isEqualTo(DeliveryRecordedV1.Outcome.SENT);
				assertThat(recorded.reasonCode()).isNull();
			});
	}

	@Test
	void deliveryClaimedAgainAfterItsLeaseRanOutIsStartedOnlyByTheLatestClaim() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		String email = notificationCase.due(NOW).get(0).deliveryId();
		Delivery first = notificationCase.claim(email, NOW, Duration.ofMinutes(5)).orElseThrow();
		Delivery second = notificationCase.claim(email, NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5))
			.orElseThrow();

		assertThat(notificationCase.start(first, NOW.plus(Duration.ofMinutes(7)), Duration.ofMinutes(5))).isFalse();
		assertThat(notificationCase.start(second, NOW.plus(Duration.ofMinutes(7)), Duration.ofMinutes(5))).isTrue();
		assertThat(notificationCase.due(NOW.plus(Duration.ofMinutes(11)))).extracting(Delivery::deliveryId)
			.doesNotContain(email);
	}

	@Test
	void deliveryTakenUpWithinASecondOfItsClaimGoesAsClaimedAndOnlyThen() {
		Duration lease = Duration.ofMinutes(5);
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		String email = notificationCase.due(NOW).get(0).deliveryId();
		Delivery claimed = notificationCase.claim(email, NOW, lease).orElseThrow();

		assertThat(notificationCase.goesAsClaimed(claimed, NOW.plusMillis(900), lease)).isTrue();
		assertThat(notificationCase.goesAsClaimed(claimed, NOW.plusMillis(1_100), lease))
			.as("waited in its lane: starts again")
			.isFalse();
		Delivery again = notificationCase.claim(email, NOW.plus(Duration.ofMinutes(6)), lease).orElseThrow();
		assertThat(notificationCase.goesAsClaimed(claimed, NOW.plus(Duration.ofMinutes(6)), lease))
			.as("the lease ran out and another sender took it")
			.isFalse();
		assertThat(notificationCase.goesAsClaimed(again, NOW.plus(Duration.ofMinutes(6)), lease)).isTrue();
	}

	@Test
	void questionWithASenderWhenTheReferralClosesNeverGoesAsClaimedAndIsCancelledWhenStarted() {
		Duration lease = Duration.ofMinutes(5);
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		notificationCase.ask(
				new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-1",
						NOW.plus(Duration.ofDays(3)), null, false, null),
				requests("proposed-1", SampleEvents.proposal()), this.templates, NOW);
		Delivery question = notificationCase.deliveries()
			.stream()
			.filter(delivery -> delivery.eventId().equals("proposed-1") && delivery.audience() == Audience.CLIENT)
			.findFirst()
			.orElseThrow();
		Delivery claimed = notificationCase.claim(question.deliveryId(), NOW, lease).orElseThrow();

		notificationCase.end();

		assertThat(notificationCase.goesAsClaimed(claimed, NOW, lease)).isFalse();
		assertThat(notificationCase.start(claimed, NOW, lease)).isFalse();
		assertThat(notificationCase.delivery(question.deliveryId())).get()
			.extracting(Delivery::status)
			.isEqualTo(DeliveryStatus.CANCELLED);
	}

	@Test
	void laterMessageToTheSamePersonByTheSameWayWaitsUntilTheEarlierOneIsRecorded() {
		NotificationCase notificationCase = submitted(
				SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS));
		notificationCase.request(requests("proposal-1", SampleEvents.proposal()), this.templates, NOW);

		assertThat(notificationCase.due(NOW)).extracting(Delivery::eventId, Delivery::channel)
			.containsExactlyInAnyOrder(tuple("submitted-1", Channel.EMAIL), tuple("submitted-1", Channel.SMS),
					tuple("submitted-1", Channel.WEBHOOK));

		Delivery acknowledgement = dueTextMessage(notificationCase);
		Delivery claimed = notificationCase.claim(acknowledgement.deliveryId(), NOW, Duration.ofMinutes(5))
			.orElseThrow();
		assertThat(notificationCase.due(NOW)).extracting(Delivery::eventId, Delivery::channel)
			.doesNotContain(tuple("proposal-1", Channel.SMS));

		notificationCase.finish(claimed.deliveryId(), DeliveryStatus.SENT, "+1 514 •••-••42", null, List.of(), null,
				NOW);
		assertThat(notificationCase.due(NOW)).extracting(Delivery::eventId, Delivery::channel)
			.contains(tuple("proposal-1", Channel.SMS))
			.doesNotContain(tuple("proposal-1", Channel.EMAIL));
	}

	@Test
	void earlierMessageWaitingForItsNextAttemptHoldsUpNoLaterOne() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.SMS));
		notificationCase.request(requests("proposal-1", SampleEvents.proposal()), this.templates, NOW);
		Delivery acknowledgement = dueTextMessage(notificationCase);
		notificationCase.claim(acknowledgement.deliveryId(), NOW, Duration.ofMinutes(5)).orElseThrow();

		notificationCase.retry(acknowledgement.deliveryId(), NOW.plus(Duration.ofMinutes(10)), List.of());

		assertThat(notificationCase.due(NOW)).extracting(Delivery::eventId, Delivery::channel)
			.contains(tuple("proposal-1", Channel.SMS))
			.doesNotContain(tuple("submitted-1", Channel.SMS));
	}

	@Test
	void deliveryTakenOverAfterItsLeaseRanOutRecordsTheAbandonedAttemptSoTheNextSenderAsksTheProviderFirst() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.SMS));
		String sms = notificationCase.due(NOW.plus(Duration.ofDays(1))).get(0).deliveryId();
		Instant later = NOW.plus(Duration.ofDays(1));
		Delivery first = notificationCase.claim(sms, later, Duration.ofMinutes(5)).orElseThrow();

		Delivery second = notificationCase.claim(sms, later.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5))
			.orElseThrow();

		assertThat(first.attempts()).isEmpty();
		assertThat(second.attempts()).extracting(Delivery.Attempt::outcome)
			.containsExactly(NotificationCase.LEASE_EXPIRED);
	}

	@Test
	void passingFailureWaitsForItsNextAttemptAndKeepsEveryAttempt() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		String email = notificationCase.due(NOW).get(0).deliveryId();
		notificationCase.claim(email, NOW, Duration.ofMinutes(5));

		notificationCase.retry(email, NOW.plusSeconds(30), List.of(new Delivery.Attempt(NOW, "SMTP_UNREACHABLE")));

		assertThat(notificationCase.due(NOW.plusSeconds(29))).extracting(Delivery::deliveryId).doesNotContain(email);
		assertThat(notificationCase.due(NOW.plusSeconds(30))).extracting(Delivery::deliveryId).contains(email);
		assertThat(notificationCase.delivery(email).orElseThrow().attempts()).extracting(Delivery.Attempt::outcome)
			.containsExactly("SMTP_UNREACHABLE");
		assertThat(notificationCase.raisedEvents()).filteredOn(DeliveryRecordedV1.class::isInstance).isEmpty();
	}

	@Test
	void proposalAnnouncedAgainUnderTheSameProposalIdIsNotSentAgain() {
		// Matching announces the kept proposal again when it refuses a coordinator's
		// override.
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		notificationCase.ask(
				new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-1",
						NOW.plus(Duration.ofDays(3)), null, false, null),
				requests("proposed-1", SampleEvents.proposal()), this.templates, NOW);
		notificationCase.ask(
				new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-2",
						NOW.plus(Duration.ofDays(3)), null, false, null),
				requests("proposed-again", SampleEvents.proposal()), this.templates, NOW);

		assertThat(notificationCase.deliveries()).filteredOn(d -> d.eventId().startsWith("proposed"))
			.extracting(Delivery::eventId)
			.containsOnly("proposed-1");
	}

	@Test
	void proposalsReminderAnsweredThroughItsLinkBeforeHalfWayIsCancelled() {
		NotificationCase notificationCase = submitted(
				SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS));
		Instant halfWay = NOW.plus(Duration.ofHours(24));
		notificationCase.ask(
				new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-1",
						NOW.plus(Duration.ofHours(48)), null, false, "proposed-1"),
				withReminder(requests("proposed-1", SampleEvents.proposal()), halfWay), this.templates, NOW);
		assertThat(notificationCase.deliveries()).filteredOn(d -> "proposal-reminder".equals(d.template()))
			.extracting(Delivery::channel, Delivery::dueAt, Delivery::status, Delivery::reasonCode)
			.containsExactlyInAnyOrder(tuple(Channel.EMAIL, halfWay, DeliveryStatus.PENDING, "REMINDER"),
					tuple(Channel.SMS, halfWay, DeliveryStatus.PENDING, "REMINDER"));

		notificationCase.answer("link-1", ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.LINK,
				NOW.plus(Duration.ofHours(2)));

		assertThat(notificationCase.deliveries()).filteredOn(d -> "proposal-reminder".equals(d.template()))
			.extracting(Delivery::status, Delivery::reasonCode)
			.containsOnly(tuple(DeliveryStatus.CANCELLED, "QUESTION_CLOSED"));
		assertThat(notificationCase.due(halfWay)).noneMatch(d -> "proposal-reminder".equals(d.template()));
	}

	@Test
	void proposalArrivingAfterItsHalfWayPointGetsNoReminder() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));

		notificationCase.ask(
				new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-1",
						NOW.plus(Duration.ofHours(10)), null, false, "proposed-1"),
				withReminder(requests("proposed-1", SampleEvents.proposal()), NOW.minusSeconds(1)), this.templates,
				NOW);

		assertThat(notificationCase.deliveries()).extracting(Delivery::template)
			.contains("proposal-made")
			.doesNotContain("proposal-reminder");
	}

	private List<MessageRequest> withReminder(List<MessageRequest> requests, Instant at) {
		List<MessageRequest> all = new java.util.ArrayList<>(requests);
		requests.stream()
			.flatMap(request -> this.templates.reminderOf(request)
				.map(template -> request.reminder(template, at))
				.stream())
			.forEach(all::add);
		return all;
	}

	@Test
	void closedReferralCancelsAPendingQuestionsMessageAndAsksNothingMore() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		notificationCase.ask(
				new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-1",
						NOW.plus(Duration.ofDays(3)), null, false, null),
				requests("proposed-1", SampleEvents.proposal()), this.templates, NOW);

		notificationCase.end();
		notificationCase.ask(
				new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-2", "link-2",
						NOW.plus(Duration.ofDays(3)), null, false, null),
				requests("proposed-2", SampleEvents.proposal()), this.templates, NOW);

		assertThat(notificationCase.deliveries()).filteredOn(d -> d.eventId().startsWith("proposed"))
			.isNotEmpty()
			.allSatisfy(delivery -> {
				assertThat(delivery.eventId()).isEqualTo("proposed-1");
				assertThat(delivery.status()).isEqualTo(DeliveryStatus.CANCELLED);
			});
		assertThat(notificationCase.latestOpenQuestion(NOW)).isEmpty();
	}

	@Test
	void answerIsTakenOnceAndNeverAfterExpiryOrOnAnotherQuestion() {
		NotificationCase notificationCase = submitted(SampleEvents.submitted("fr", ContactChannel.EMAIL));
		notificationCase.ask(new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-1",
				NOW.plus(Duration.ofDays(3)), null, false, null), List.of(), this.templates, NOW);
		notificationCase.ask(new OpenQuestion(ClientAnsweredV1.Subject.CHECK_IN, "check-in-1", "link-2",
				NOW.plus(Duration.ofDays(3)), null, false, null), List.of(), this.templates, NOW);

		assertThat(notificationCase.answer("link-1", ClientAnsweredV1.Answer.STILL_WAITING,
				ClientAnsweredV1.Channel.LINK, NOW))
			.isEqualTo(NotificationCase.AnswerOutcome.NOT_ALLOWED);
		assertThat(
				notificationCase.answer("link-1", ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.LINK, NOW))
			.isEqualTo(NotificationCase.AnswerOutcome.RECORDED);
		assertThat(
				notificationCase.answer("link-1", ClientAnsweredV1.Answer.DECLINE, ClientAnsweredV1.Channel.LINK, NOW))
			.isEqualTo(NotificationCase.AnswerOutcome.ALREADY_USED);
		assertThat(notificationCase.answer("link-2", ClientAnsweredV1.Answer.WORSE, ClientAnsweredV1.Channel.LINK,
				NOW.plus(Duration.ofDays(4))))
			.isEqualTo(NotificationCase.AnswerOutcome.EXPIRED);
		assertThat(
				notificationCase.answer("link-9", ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.LINK, NOW))
			.isEqualTo(NotificationCase.AnswerOutcome.UNKNOWN);
		assertThat(notificationCase.raisedEvents()).filteredOn(ClientAnsweredV1.class::isInstance)
			.singleElement()
			.isEqualTo(new ClientAnsweredV1(SampleEvents.REFERRAL, ClientAnsweredV1.Subject.PROPOSAL, "proposal-1",
					ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.LINK, NOW));
	}

	@Test
	void closedQuestionTakesNoAnswer() {
		NotificationCase notificationCase = new NotificationCase(SampleEvents.REFERRAL);
		notificationCase.ask(new OpenQuestion(ClientAnsweredV1.Subject.PROPOSAL, "proposal-1", "link-1",
				NOW.plus(Duration.ofDays(3)), null, false, null), List.of(), this.templates, NOW);

		notificationCase.close("proposal-1");

		assertThat(notificationCase.answer("link-1", ClientAnsweredV1.Answer.ACCEPT, ClientAnsweredV1.Channel.SMS, NOW))
			.isEqualTo(NotificationCase.AnswerOutcome.CLOSED);
		assertThat(notificationCase.latestOpenQuestion(NOW)).isEmpty();
	}

	@Test
	void selfReferralsAcknowledgementCarriesEachChannelsOwnLinkAndLaterMessagesWaitForTheirConfirmation() {
		NotificationCase notificationCase = selfReferred();

		notificationCase.request(requests("waitlisted-1", SampleEvents.waitlisted()), this.templates, NOW);

		assertThat(notificationCase.deliveries())
			.extracting(Delivery::template, Delivery::channel, Delivery::status, Delivery::reasonCode, Delivery::dueAt)
			.containsExactly(tuple("self-referral-received", Channel.EMAIL, DeliveryStatus.PENDING, null, NOW),
					tuple("self-referral-received", Channel.SMS, DeliveryStatus.PENDING, null, NOW),
					tuple("waitlisted", Channel.EMAIL, DeliveryStatus.PENDING, NotificationCase.AWAITING_CONFIRMATION,
							CONFIRM_BY),
					tuple("waitlisted", Channel.SMS, DeliveryStatus.PENDING, NotificationCase.AWAITING_CONFIRMATION,
							CONFIRM_BY));
		assertThat(notificationCase.deliveries().get(0).body()).contains(EMAIL_LINK).doesNotContain(SMS_LINK);
		assertThat(notificationCase.deliveries().get(1).body()).contains(SMS_LINK).doesNotContain(EMAIL_LINK);
		assertThat(notificationCase.due(NOW.plus(Duration.ofDays(6)))).extracting(Delivery::template)
			.containsOnly("self-referral-received");
	}

	@Test
	void confirmingADestinationReleasesOnlyItsChannelsMessagesAndOnlyOnce() {
		NotificationCase notificationCase = selfReferred();
		notificationCase.request(requests("waitlisted-1", SampleEvents.waitlisted()), this.templates, NOW);
		Instant later = NOW.plus(Duration.ofDays(2));

		assertThat(notificationCase.confirm("email-link", later)).isEqualTo(NotificationCase.AnswerOutcome.RECORDED);
		assertThat(notificationCase.confirm("email-link", later.plusSeconds(5)))
			.isEqualTo(NotificationCase.AnswerOutcome.ALREADY_USED);

		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.template().equals("waitlisted"))
			.extracting(Delivery::channel, Delivery::reasonCode, Delivery::dueAt, Delivery::recordedAt)
			.containsExactly(tuple(Channel.EMAIL, null, later, later),
					tuple(Channel.SMS, NotificationCase.AWAITING_CONFIRMATION, CONFIRM_BY, NOW));
		assertThat(notificationCase.confirmations()).extracting(DestinationConfirmation::confirmedAt)
			.containsExactly(later, null);
		notificationCase.request(requests("checked-1", SampleEvents.checkIn()), this.templates, later);
		assertThat(notificationCase.deliveries()).filteredOn(delivery -> delivery.template().equals("check-in"))
			.extracting(Delivery::channel, Delivery::reasonCode)
			.containsExactly(tuple(Channel.EMAIL, null), tuple(Channel.SMS, NotificationCase.AWAITING_CONFIRMATION));
	}

	@Test
	void unconfirmedDestinationsMessagesFailAtTheDeadlineAndEveryLaterOneAtOnceFlaggedAsUnreachable() {
		NotificationCase notificationCase = selfReferred();
		notificationCase.request(requests("waitlisted-1", SampleEvents.waitlisted()), this.templates, NOW);

		assertThat(notificationCase.lapse(CONFIRM_BY.minusSeconds(1))).isFalse();
		assertThat(notificationCase.confirm("sms-link", CONFIRM_BY)).isEqualTo(NotificationCase.AnswerOutcome.EXPIRED);
		assertThat(notificationCase.lapse(CONFIRM_BY)).isTrue();
		notificationCase.request(requests("withdrawn-1", SampleEvents.withdrawn()), this.templates, CONFIRM_BY);

		assertThat(notificationCase.deliveries()).filteredOn(delivery -> !delivery.template().startsWith("self"))
			.extracting(Delivery::template, Delivery::status, Delivery::reasonCode)
			.containsOnly(tuple("waitlisted", DeliveryStatus.FAILED, NotificationCase.DESTINATION_UNCONFIRMED),
					tuple("referral-withdrawn", DeliveryStatus.FAILED, NotificationCase.DESTINATION_UNCONFIRMED));
		assertThat(notificationCase.raisedEvents()).filteredOn(DeliveryRecordedV1.class::isInstance)
			.hasSize(4)
			.allSatisfy(event -> assertThat(((DeliveryRecordedV1) event).reasonCode())
				.isEqualTo(NotificationCase.NO_REACHABLE_CHANNEL));
	}

	@Test
	void aLapsedDestinationIsNoUnreachableClientWhenTheOtherOneWasConfirmed() {
		NotificationCase notificationCase = selfReferred();
		notificationCase.request(requests("waitlisted-1", SampleEvents.waitlisted()), this.templates, NOW);
		notificationCase.confirm("email-link", NOW);

		notificationCase.lapse(CONFIRM_BY);

		assertThat(notificationCase.raisedEvents()).filteredOn(DeliveryRecordedV1.class::isInstance)
			.singleElement()
			.satisfies(event -> assertThat(((DeliveryRecordedV1) event).reasonCode())
				.isEqualTo(NotificationCase.DESTINATION_UNCONFIRMED));
	}

	@Test
	void partnersReferralAsksNoConfirmationAndHoldsNothing() {
		NotificationCase notificationCase = submitted(
				SampleEvents.submitted("fr", ContactChannel.EMAIL, ContactChannel.SMS));

		notificationCase.request(requests("waitlisted-1", SampleEvents.waitlisted()), this.templates, NOW);

		assertThat(notificationCase.confirmations()).isEmpty();
		assertThat(notificationCase.deliveries()).extracting(Delivery::template)
			.doesNotContain("self-referral-received");
		assertThat(notificationCase.deliveries()).allSatisfy(delivery -> assertThat(delivery.reasonCode()).isNull());
	}

	private static final Instant CONFIRM_BY = NOW.plus(Duration.ofDays(7));

	private static final String EMAIL_LINK = "https://aiguillage.example.org/r/email-link";

	private static final String SMS_LINK = "https://aiguillage.example.org/r/sms-link";

	private NotificationCase selfReferred() {
		ReferralSubmittedV1 submitted = SampleEvents.selfReferred("fr", ContactChannel.EMAIL, ContactChannel.SMS);
		NotificationCase notificationCase = new NotificationCase(submitted.referralId());
		notificationCase.recipientKnown(RecipientProfile.of(submitted), requests("submitted-1", submitted),
				List.of(issued(ContactChannel.EMAIL, "email-link", EMAIL_LINK),
						issued(ContactChannel.SMS, "sms-link", SMS_LINK)),
				this.templates, NOW);
		return notificationCase;
	}

	private static DestinationConfirmation.Issued issued(ContactChannel channel, String linkId, String url) {
		return new DestinationConfirmation.Issued(new DestinationConfirmation(channel, linkId, CONFIRM_BY, null), url);
	}

	private static Delivery dueTextMessage(NotificationCase notificationCase) {
		return notificationCase.due(NOW)
			.stream()
			.filter(delivery -> delivery.channel() == Channel.SMS)
			.findFirst()
			.orElseThrow();
	}

	private NotificationCase submitted(ReferralSubmittedV1 submitted) {
		NotificationCase notificationCase = new NotificationCase(submitted.referralId());
		notificationCase.referredBy(submitted.partnerId());
		notificationCase.recipientKnown(RecipientProfile.of(submitted), requests("submitted-1", submitted), List.of(),
				this.templates, NOW);
		return notificationCase;
	}

	private List<MessageRequest> requests(String eventId, Object event) {
		return this.templates.requestsFor(eventId, event)
			.stream()
			.map(request -> request.withFacts(Map.of("answerLink", "https://aiguillage.example.org/r/abc"))
				.withFacts(MessageFacts.likelyStart(java.util.Optional.empty())))
			.toList();
	}

	@Test
	void theEventCarriesACodeOfLettersWhileTheLogKeepsTheProvidersWords() {
		assertThat(NotificationCase.eventCode("SMS_400 21211 The 'To' number ••• is not a valid phone number."))
			.isEqualTo("SMS_REFUSED");
		assertThat(NotificationCase.eventCode("SMTP_550")).isEqualTo("SMTP_REFUSED");
		assertThat(NotificationCase.eventCode("WEBHOOK_404")).isEqualTo("WEBHOOK_REFUSED");
		assertThat(NotificationCase.eventCode("WEBHOOK_IOException")).isEqualTo("WEBHOOK_IOEXCEPTION");
		assertThat(NotificationCase.eventCode("RETRY_DEADLINE_PASSED")).isEqualTo("RETRY_DEADLINE_PASSED");
		assertThat(NotificationCase.eventCode(null)).isNull();
	}

}
