package ca.aiguillage.waitlist.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A referral's timeline: its steps in time order, whichever topic's event came first.
 * Stored flat in the entry's document ({@code steps}), as it always was.
 */
final class Timeline {

	private List<Step> steps = new ArrayList<>();

	Step record(Instant at, StepKind what, @Nullable String detail, @Nullable String reason) {
		int index = this.steps.size();
		while (index > 0 && this.steps.get(index - 1).at().isAfter(at)) {
			index--;
		}
		Step step = new Step(at, what, detail, reason);
		this.steps.add(index, step);
		return step;
	}

	@Nullable Instant firstAt(StepKind what) {
		return this.steps.stream().filter(step -> step.what() == what).map(Step::at).findFirst().orElse(null);
	}

	List<Step> steps() {
		return List.copyOf(this.steps);
	}

}
