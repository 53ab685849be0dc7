package ca.aiguillage.localstack;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import ca.aiguillage.fhir.FhirGatewayApplication;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One part of the local stack as a process of its own, started by {@link ProcessStack}:
 * the broker, the database, the authorization server or one service. It runs until it is
 * stopped (SIGTERM stops it cleanly; SIGKILL is what the fault suite uses). Once started
 * it writes its ready file; a part whose port another process took exits with
 * {@link #PORT_TAKEN}, so that the stack can start it again on another port.
 */
final class StackProcess {

	/**
	 * The exit status of a part that could not bind its port: another process took it.
	 */
	static final int PORT_TAKEN = 75;

	/** The system property naming the file a part writes once it is started. */
	static final String READY_FILE = "aiguillage.stack.ready-file";

	private StackProcess() {
	}

	/**
	 * Starts one part.
	 * @param args the role ({@code kafka}, {@code mongo}, {@code authorization},
	 * {@code service} or {@code fhir}) and its own arguments, as {@link ProcessStack}
	 * passes them (a service's: its index, its instance, then its application's)
	 */
	public static void main(String[] args) throws InterruptedException, IOException {
		AutoCloseable running;
		try {
			running = start(args);
		}
		// Netty throws its BindException unchecked.
		catch (Exception ex) {
			LoggerFactory.getLogger(StackProcess.class).error("{} did not start", args[0], ex);
			// Exits even when a failed start left threads behind, telling a port taken
			// apart.
			System.exit(portTaken(ex) ? PORT_TAKEN : 1);
			return;
		}
		String ready = System.getProperty(READY_FILE);
		if (ready != null) {
			Files.writeString(Path.of(ready), "started\n");
		}
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

	private static AutoCloseable start(String[] args) {
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		return switch (args[0]) {
			case "kafka" -> KafkaBroker.start(Path.of(rest[0]), Integer.parseInt(rest[1]), Integer.parseInt(rest[2]),
					Integer.parseInt((rest.length > 3) ? rest[3] : rest[1]));
			case "mongo" -> EmbeddedMongo.start(Path.of(rest[0]), Integer.parseInt(rest[1]));
			case "authorization" -> AuthorizationServerApplication.startBesideServices(Integer.parseInt(rest[0]),
					rest[1], Path.of(rest[2]));
			case "service" ->
				service(Integer.parseInt(rest[0]), Integer.parseInt(rest[1]), Arrays.copyOfRange(rest, 2, rest.length));
			case "fhir" -> FhirGatewayApplication.application()
				.initializers((context) -> context.getBeanFactory()
					.registerSingleton("staticMembership", new StaticMembership("fhir-gateway")))
				.registerShutdownHook(false)
				.run(rest);
			default -> throw new IllegalArgumentException("Unknown part of the stack: " + args[0]);
		};
	}

	static boolean portTaken(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException
					|| (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
				return true;
			}
		}
		return false;
	}

	private static ConfigurableApplicationContext service(int index, int instance, String[] arguments) {
		StaticMembership membership = new StaticMembership(LocalStack.SERVICE_PRINCIPALS.get(index), instance);
		return LocalStack.APPLICATIONS.get(index)
			.get()
			.initializers((context) -> context.getBeanFactory().registerSingleton("staticMembership", membership))
			.registerShutdownHook(false)
			.run(arguments);
	}

}
