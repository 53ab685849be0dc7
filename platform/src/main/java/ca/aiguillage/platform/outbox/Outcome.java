package ca.aiguillage.platform.outbox;

import org.jspecify.annotations.Nullable;

/**
 * What a change passed to {@link Aggregates#update} decided: write the aggregate and
 * answer, or answer without writing.
 *
 * @param aggregate the aggregate to save, or null when nothing is to be written
 * @param answer what {@link Aggregates#update} returns
 * @param <T> the aggregate type
 * @param <R> the answer type
 */
public record Outcome<T extends Aggregate, R>(@Nullable T aggregate, R answer) {

	/**
	 * Save this aggregate and the events it raised, then answer.
	 * @param aggregate the changed (or new) aggregate
	 * @param answer what {@link Aggregates#update} returns
	 * @param <T> the aggregate type
	 * @param <R> the answer type
	 * @return the outcome
	 */
	public static <T extends Aggregate, R> Outcome<T, R> save(T aggregate, R answer) {
		return new Outcome<>(aggregate, answer);
	}

	/**
	 * Write nothing, and answer.
	 * @param answer what {@link Aggregates#update} returns
	 * @param <T> the aggregate type
	 * @param <R> the answer type
	 * @return the outcome
	 */
	public static <T extends Aggregate, R> Outcome<T, R> unchanged(R answer) {
		return new Outcome<>(null, answer);
	}

}
