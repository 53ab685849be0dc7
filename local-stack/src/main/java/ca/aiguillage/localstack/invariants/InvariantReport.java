package ca.aiguillage.localstack.invariants;

import java.util.List;

/**
 * What the invariant checker found: each invariant and the ids that break it.
 *
 * @param results one per invariant, in a fixed order
 */
public record InvariantReport(List<Result> results) {

	public InvariantReport {
		results = List.copyOf(results);
	}

	/**
	 * One invariant and what breaks it.
	 *
	 * @param invariant its short name
	 * @param promise what it promises, in one sentence
	 * @param breaking the ids (referral, therapist, delivery, document or dead letter)
	 * that break it; empty when it holds
	 * @param checked false when it could not be checked here (the reason is in
	 * {@code breaking}'s place: see {@link #note()})
	 * @param note why it was not checked, or an empty string
	 */
	public record Result(String invariant, String promise, List<String> breaking, boolean checked, String note) {

		public Result {
			breaking = List.copyOf(breaking);
		}

		static Result of(String invariant, String promise, List<String> breaking) {
			return new Result(invariant, promise, breaking, true, "");
		}

		static Result notChecked(String invariant, String promise, String why) {
			return new Result(invariant, promise, List.of(), false, why);
		}

		public boolean holds() {
			return this.breaking.isEmpty();
		}

	}

	/**
	 * Whether every invariant that was checked holds.
	 * @return true when nothing breaks any of them
	 */
	public boolean allHold() {
		return this.results.stream().allMatch(Result::holds);
	}

	/**
	 * The result of one invariant.
	 * @param invariant its short name
	 * @return its result
	 */
	public Result result(String invariant) {
		return this.results.stream()
			.filter((result) -> result.invariant().equals(invariant))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No invariant " + invariant));
	}

	/**
	 * The report as a Markdown table, at most 20 ids per invariant.
	 * @return the table
	 */
	public String markdown() {
		StringBuilder table = new StringBuilder("| invariant | holds | breaking ids |\n| --- | --- | --- |\n");
		for (Result result : this.results) {
			String verdict = !result.checked() ? "not checked"
					: result.holds() ? "OK" : result.breaking().size() + " broken";
			String ids = !result.checked() ? result.note()
					: String.join(", ", result.breaking().subList(0, Math.min(20, result.breaking().size())))
							+ ((result.breaking().size() > 20) ? ", …" : "");
			table.append("| ")
				.append(result.invariant())
				.append(" | ")
				.append(verdict)
				.append(" | ")
				.append(ids)
				.append(" |\n");
		}
		return table.toString();
	}

}
