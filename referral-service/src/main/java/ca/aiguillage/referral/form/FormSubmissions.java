package ca.aiguillage.referral.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.referral.intake.Intake;
import ca.aiguillage.referral.intake.Referral;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A referral sent from a page's form: what does not parse and what breaks intake's rules
 * come back together, beside their fields; a form with any error stores nothing.
 */
@Component
public class FormSubmissions {

	private final Intake intake;

	private final MessageSource messages;

	FormSubmissions(Intake intake, MessageSource messages) {
		this.intake = intake;
		this.messages = messages;
	}

	public Outcome submit(ReferralForm form, Locale locale, IntakeChannel channel, @Nullable String partnerId,
			Consumer<String> recordAccess) {
		return submit(form, locale, channel, partnerId, recordAccess, (request) -> {
		});
	}

	/**
	 * Registers a form's referral once it is valid and admitted.
	 * @param admit runs on the valid referral before it is registered, and may refuse it
	 * by throwing
	 */
	public Outcome submit(ReferralForm form, Locale locale, IntakeChannel channel, @Nullable String partnerId,
			Consumer<String> recordAccess, Consumer<InboundReferralV1> admit) {
		List<FieldViolation> violations = new ArrayList<>();
		InboundReferralV1 request = form.toRequest(violations);
		this.intake.check(request, channel)
			.stream()
			.filter(violation -> !violations.contains(violation))
			.forEach(violations::add);
		if (!violations.isEmpty()) {
			return new Outcome(null, new FormErrors(violations, this.messages, locale));
		}
		admit.accept(request);
		return new Outcome(this.intake.submit(request, channel, partnerId, null, null, recordAccess), null);
	}

	/**
	 * The referral registered, or the errors to show.
	 *
	 * @param referral the referral, when the form was valid
	 * @param errors the errors by field, when it was not
	 */
	public record Outcome(@Nullable Referral referral, @Nullable FormErrors errors) {
	}

}
