package ca.aiguillage.waitlist.queue;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the queue's timers fall due.
 *
 * @param checkInInterval how often a waiting client is asked whether they still need the
 * service
 * @param checkInAnswerWindow how long a check-in waits for an answer
 * @param unansweredCheckInsBeforeReview how many check-ins in a row may go unanswered
 * before a coordinator is asked to review
 * @param proposalAnswerWindow how long a proposal waits for an answer before it expires
 * (48 hours: the simulator's short-window lever, docs/matching.md)
 * @param stateLimit how long a referral may sit in one state before a coordinator is
 * reminded, unless its organization has its own limit
 * @param stateLimitByOrganization organizations' own limits, by organization id
 * @param sixtyDayRiskAfter after how long a wait that has not reached therapy is flagged
 * as at risk of passing 60 days
 * @param pollInterval how often the poller looks for due timers
 * @param proposalAnswerWindowByOrganization organizations' own answer windows, by
 * organization id (the simulator's short-window lever: docs/matching.md)
 * @param askAgainWhenUnanswered whether a check-in left unanswered is asked again once as
 * soon as its answer window closes (issue 16's ask-before-offering), instead of at the
 * next interval
 * @param checkInsEnabled whether waiting clients are asked at all (an organization that
 * calls its clients itself turns them off)
 */
@ConfigurationProperties("waitlist.timers")
public record TimerSettings(@DefaultValue("P30D") Duration checkInInterval,
		@DefaultValue("P14D") Duration checkInAnswerWindow, @DefaultValue("2") int unansweredCheckInsBeforeReview,
		@DefaultValue("PT48H") Duration proposalAnswerWindow, @DefaultValue("P21D") Duration stateLimit,
		@Nullable Map<String, Duration> stateLimitByOrganization, @DefaultValue("P45D") Duration sixtyDayRiskAfter,
		@DefaultValue("PT30S") Duration pollInterval,
		@Nullable Map<String, Duration> proposalAnswerWindowByOrganization,
		@DefaultValue("true") boolean askAgainWhenUnanswered, @DefaultValue("true") boolean checkInsEnabled) {

	/**
	 * How long a proposal of one organization waits for the client's answer.
	 * @param organizationId the organization, or null
	 * @return its own window, or the default one
	 */
	public Duration proposalAnswerWindowOf(@Nullable String organizationId) {
		if (organizationId != null && this.proposalAnswerWindowByOrganization != null
				&& this.proposalAnswerWindowByOrganization.containsKey(organizationId)) {
			return this.proposalAnswerWindowByOrganization.get(organizationId);
		}
		return this.proposalAnswerWindow;
	}

	/**
	 * The state limit of one organization.
	 * @param organizationId the organization, or null
	 * @return its own limit, or the default one
	 */
	public Duration stateLimitOf(@Nullable String organizationId) {
		if (organizationId != null && this.stateLimitByOrganization != null
				&& this.stateLimitByOrganization.containsKey(organizationId)) {
			return this.stateLimitByOrganization.get(organizationId);
		}
		return this.stateLimit;
	}

}
