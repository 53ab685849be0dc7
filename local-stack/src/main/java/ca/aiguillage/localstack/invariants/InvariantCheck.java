package ca.aiguillage.localstack.invariants;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import ca.aiguillage.localstack.LocalStack;

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
	 * local stack's {@code mongodb://127.0.0.1:27017} and {@code 127.0.0.1:9092}); the
	 * broker's administrator login is read from the local stack's data directory
	 * ({@code -Daiguillage.data}, default {@code data})
	 */
	public static void main(String[] args) {
		String mongoUri = (args.length > 0) ? args[0] : "mongodb://127.0.0.1:27017";
		String brokers = (args.length > 1) ? args[1] : "127.0.0.1:9092";
		Map<String, Object> kafka = LocalStack
			.kafkaAdministrator(Path.of(System.getProperty("aiguillage.data", "data")), brokers);
		try (InvariantChecker checker = new InvariantChecker(mongoUri, kafka, null, Clock.systemUTC())) {
			InvariantReport report = checker.check();
			System.out.print(report.markdown());
			if (!report.allHold()) {
				System.exit(1);
			}
		}
	}

}
