package ca.aiguillage.referral.fee;

import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.platform.web.FieldChecks;
import ca.aiguillage.platform.web.FieldViolation;
import org.jspecify.annotations.Nullable;

/**
 * An organization's sliding scale: the fee per session by household income bracket and
 * number of dependents. It is data: shipped as a file, replaced by an administrator.
 *
 * @param id the scale id
 * @param version its version; a replacement must carry a new one
 * @param example whether this is only an example, not an organization's real scale
 * @param label its name, by language code
 * @param organizationIds the organizations that use it; empty for the network's default
 * @param lowFeeMaximumCents fees at or below this need one of the therapists' low-fee
 * places
 * @param brackets income brackets, ascending; the last one has no upper bound
 */
public record FeeScale(String id, String version, boolean example, Map<String, String> label,
		List<String> organizationIds, int lowFeeMaximumCents, List<Bracket> brackets) {

	/**
	 * The fee for a household.
	 * @param annualIncome the household's annual income in dollars
	 * @param dependents the number of dependents
	 * @return the fee per session
	 */
	public SessionFee feeFor(int annualIncome, int dependents) {
		for (Bracket bracket : this.brackets) {
			if (bracket.annualIncomeUpTo() == null || annualIncome <= bracket.annualIncomeUpTo()) {
				List<Integer> fees = bracket.feeCentsByDependents();
				int fee = fees.get(Math.min(dependents, fees.size() - 1));
				return new SessionFee(fee, fee <= this.lowFeeMaximumCents, this.id, this.version);
			}
		}
		throw new IllegalStateException("scale " + this.id + " has no open-ended bracket");
	}

	/**
	 * What is wrong with this scale, field by field.
	 * @return the violations, empty when it can be used
	 */
	public List<FieldViolation> violations() {
		FieldChecks checks = new FieldChecks();
		checks.requiredText("id", this.id);
		checks.rule("id", this.id == null || this.id.matches("[a-z0-9-]{1,64}"), "invalid.identifier");
		checks.requiredText("version", this.version);
		checks.rule("lowFeeMaximumCents", this.lowFeeMaximumCents >= 0, "invalid.negative");
		checks.rule("label", this.label != null && this.label.get("fr") != null && this.label.get("en") != null,
				"required");
		checks.required("organizationIds", this.organizationIds);
		if (!checks.nonEmpty("brackets", this.brackets)) {
			return checks.violations();
		}
		@Nullable Integer previous = null;
		for (int i = 0; i < this.brackets.size(); i++) {
			Bracket bracket = this.brackets.get(i);
			String field = "brackets[" + i + "]";
			boolean last = i == this.brackets.size() - 1;
			checks.rule(field + ".annualIncomeUpTo", last == (bracket.annualIncomeUpTo() == null),
					last ? "invalid.bracket.lastOpen" : "required");
			if (bracket.annualIncomeUpTo() != null) {
				checks.rule(field + ".annualIncomeUpTo", previous == null || bracket.annualIncomeUpTo() > previous,
						"invalid.bracket.notAscending");
				previous = bracket.annualIncomeUpTo();
			}
			if (checks.nonEmpty(field + ".feeCentsByDependents", bracket.feeCentsByDependents())) {
				checks.rule(field + ".feeCentsByDependents",
						bracket.feeCentsByDependents().stream().allMatch(fee -> fee >= 0), "invalid.negative");
			}
		}
		return checks.violations();
	}

	/**
	 * One income bracket.
	 *
	 * @param annualIncomeUpTo the highest annual income in dollars in this bracket, or
	 * null for the last, open-ended one
	 * @param feeCentsByDependents the fee in cents for 0, 1, 2… dependents; the last
	 * applies to any larger number
	 */
	public record Bracket(@Nullable Integer annualIncomeUpTo, List<Integer> feeCentsByDependents) {
	}

}
