package ca.aiguillage.referral.selfreferral;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.privacy.BlindIndex;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Hourly budgets of self-referrals, per destination (each phone number and email address
 * messages would go to) and for the whole form, so that the public form cannot be turned
 * into an SMS pump or a harassment tool. Destinations are counted by their keyed hashes,
 * never in clear.
 */
@Component
class SelfReferralBudgets {

	static final String METRIC = "aiguillage.selfreferral.budget.reached";

	private final RateLimiterRegistry destinations;

	private final RateLimiter global;

	private final BlindIndex index;

	private final MeterRegistry meters;

	SelfReferralBudgets(SelfReferralSettings settings, BlindIndex index, MeterRegistry meters) {
		this.destinations = RateLimiterRegistry.of(hourly(settings.budgetPerDestination(), settings.period()));
		this.global = RateLimiter.of("self-referral-global", hourly(settings.budgetGlobal(), settings.period()));
		this.index = index;
		this.meters = meters;
		// Present at zero from the start, so that an alert sees the first one reached.
		meters.counter(METRIC, "budget", "destination");
		meters.counter(METRIC, "budget", "global");
	}

	/**
	 * Spends one self-referral of each budget it falls under.
	 * @param request a valid self-referral
	 * @throws BudgetReachedException when a budget is spent for the hour
	 */
	void spend(InboundReferralV1 request) {
		for (Destination destination : destinations(request.client())) {
			if (!this.destinations.rateLimiter(destination.key()).acquirePermission()) {
				throw reached("destination", destination.field());
			}
		}
		if (!this.global.acquirePermission()) {
			throw reached("global", null);
		}
	}

	private BudgetReachedException reached(String budget, @Nullable String field) {
		this.meters.counter(METRIC, "budget", budget).increment();
		return new BudgetReachedException(field);
	}

	private List<Destination> destinations(InboundReferralV1.Client client) {
		List<Destination> destinations = new ArrayList<>();
		if (client.mobilePhone() != null) {
			PhoneNumberUtil util = PhoneNumberUtil.getInstance();
			try {
				String e164 = util.format(util.parse(client.mobilePhone(), "CA"),
						PhoneNumberUtil.PhoneNumberFormat.E164);
				destinations.add(new Destination(this.index.phone(e164), "client.mobilePhone"));
			}
			catch (NumberParseException ex) {
				throw new IllegalStateException("validated phone number no longer parses", ex);
			}
		}
		if (client.email() != null) {
			destinations.add(new Destination(this.index.email(client.email()), "client.email"));
		}
		return destinations;
	}

	private static RateLimiterConfig hourly(int limit, Duration period) {
		return RateLimiterConfig.custom()
			.limitForPeriod(limit)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
	}

	private record Destination(String key, String field) {
	}

	/** A budget is spent for the hour. */
	static final class BudgetReachedException extends RuntimeException {

		private final @Nullable String field;

		BudgetReachedException(@Nullable String field) {
			super("self-referral budget reached");
			this.field = field;
		}

		/**
		 * The field whose destination's budget is spent, or null for the form's.
		 */
		@Nullable String field() {
			return this.field;
		}

	}

}
