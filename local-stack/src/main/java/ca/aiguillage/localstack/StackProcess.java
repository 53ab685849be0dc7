package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import ca.aiguillage.authorization.AuthorizationServerApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One part of the local stack as a process of its own, started by {@link ProcessStack}:
 * the broker, the database, the authorization server or one service. It runs until it is
 * stopped (SIGTERM stops it cleanly; SIGKILL is what the fault suite uses).
 */
final class StackProcess {

	private StackProcess() {
	}

	/**
	 * Starts one part.
	 * @param args the role ({@code kafka}, {@code mongo}, {@code authorization} or
	 * {@code service}) and its own arguments, as {@link ProcessStack} passes them
	 */
	public static void main(String[] args) throws InterruptedException {
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		AutoCloseable running = switch (args[0]) {
			case "kafka" -> KafkaBroker.start(Path.of(rest[0]), Integer.parseInt(rest[1]), Integer.parseInt(rest[2]));
			case "mongo" -> EmbeddedMongo.start(Path.of(rest[0]), Integer.parseInt(rest[1]));
			case "authorization" -> AuthorizationServerApplication.startBesideServices(Integer.parseInt(rest[0]),
					rest[1], Path.of(rest[2]));
			case "service" -> service(Integer.parseInt(rest[0]), Arrays.copyOfRange(rest, 1, rest.length));
			default -> throw new IllegalArgumentException("Unknown part of the stack: " + args[0]);
		};
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				running.close();
			}
			catch (Exception ex) {
				// Stopping anyway: the process ends with the hook.
			}
			finally {
				stopped.countDown();
			}
		}, "stack-process-shutdown"));
		stopped.await();
	}

	private static ConfigurableApplicationContext service(int index, String[] arguments) {
		StaticMembership membership = new StaticMembership(LocalStack.SERVICE_PRINCIPALS.get(index));
		return LocalStack.APPLICATIONS.get(index)
			.get()
			.initializers((context) -> context.getBeanFactory().registerSingleton("staticMembership", membership))
			.registerShutdownHook(false)
			.run(arguments);
	}

}
