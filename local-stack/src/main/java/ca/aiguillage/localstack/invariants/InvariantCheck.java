package ca.aiguillage.localstack.invariants;

import java.time.Clock;

/**
 * The invariant checker from the command line, against a running local stack
 * ({@code ./run-local.sh --check-invariants}): prints the report and exits with 1 when an
 * invariant is broken.
 */
public final class InvariantCheck {

	private InvariantCheck() {
	}

	/**
	 * Checks the stack.
	 * @param args optionally the MongoDB URI and the Kafka bootstrap servers (default the
	 * local stack's {@code mongodb://127.0.0.1:27017} and {@code 127.0.0.1:9092})
	 */
	public static void main(String[] args) {
		String mongoUri = (args.length > 0) ? args[0] : "mongodb://127.0.0.1:27017";
		String brokers = (args.length > 1) ? args[1] : "127.0.0.1:9092";
		try (InvariantChecker checker = new InvariantChecker(mongoUri, brokers, null, Clock.systemUTC())) {
			InvariantReport report = checker.check();
			System.out.print(report.markdown());
			if (!report.allHold()) {
				System.exit(1);
			}
		}
	}

}
