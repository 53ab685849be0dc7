package ca.aiguillage.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.jar.JarFile;

import ca.aiguillage.localstack.invariants.InvariantChecker;
import ca.aiguillage.localstack.stubs.ConsoleSmtpServer;
import ca.aiguillage.localstack.stubs.LocalSmsProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack with each part in its own process — the broker, the database, the
 * authorization server and each of the four services — as docker-compose runs them,
 * without Docker: one part can be killed ({@code kill -9}), paused ({@code SIGSTOP}) or
 * restarted while the others run. The SMTP and SMS stubs stand for outside providers and
 * stay in this process, where they can be stopped and started again. Each part writes its
 * log to {@code <data>/logs/<part>.log}.
 * <p>
 * Over 300 lines on purpose: starting, watching and signalling the processes share their
 * table of commands, ports and handles, which a fault test drives as one thing.
 */
public final class ProcessStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ProcessStack.class);

	private static final Duration READY_WITHIN = Duration.ofMinutes(5);

	/** The parts, in the order they start. */
	public enum Part {

		KAFKA, MONGO, AUTHORIZATION, REFERRAL, MATCHING, WAITLIST, NOTIFICATION;

		boolean isService() {
			return ordinal() >= REFERRAL.ordinal();
		}

		int serviceIndex() {
			return ordinal() - REFERRAL.ordinal();
		}

		String logName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final LocalStack.Settings settings;

	private final Map<Part, List<String>> commands = new EnumMap<>(Part.class);

	private final Map<Part, Integer> ports = new EnumMap<>(Part.class);

	private final Map<Part, Process> processes = new EnumMap<>(Part.class);

	// The port the services reach the database at: a proxy's when one stands in front.
	private final int servicesMongoPort;

	private final Map<String, Integer> smsReceived = new ConcurrentHashMap<>();

	private final Map<String, Integer> emailReceived = new ConcurrentHashMap<>();

	private ConsoleSmtpServer smtp;

	private LocalSmsProvider sms;

	private final int smtpPort;

	private final int smsPort;

	private ProcessStack(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront) {
		this.settings = settings;
		boolean anyPort = settings.kafkaPort() == 0;
		this.smtpPort = anyPort ? FreePorts.next() : 1025;
		this.smsPort = anyPort ? FreePorts.next() : 8089;
		this.ports.put(Part.KAFKA, chosen(settings.kafkaPort()));
		this.ports.put(Part.MONGO, chosen(settings.mongoPort()));
		this.ports.put(Part.AUTHORIZATION, chosen(settings.authorizationPort()));
		for (Part part : Part.values()) {
			if (part.isService()) {
				this.ports.put(part, chosen(settings.servicePorts().get(part.serviceIndex())));
			}
		}
		this.servicesMongoPort = (databaseFront != null) ? databaseFront.applyAsInt(port(Part.MONGO))
				: port(Part.MONGO);
	}

	/**
	 * Starts every part, each in its own process, and the demo data if asked.
	 * @param settings where the data go and which ports (0 for free ones)
	 * @return the running stack
	 */
	public static ProcessStack start(LocalStack.Settings settings) {
		return start(settings, null);
	}

	/**
	 * Starts every part with something in front of the database, such as test-support's
	 * {@code FaultyProxy}: the services reach the database only through it. (The broker
	 * advertises its own address to its clients, so a proxy in front of it would carry
	 * only their first connection: a broker fault is a restart.)
	 * @param settings where the data go and which ports (0 for free ones)
	 * @param databaseFront given the database's port, starts what stands in front of it
	 * and returns the port the services use instead; null for none
	 * @return the running stack
	 */
	public static ProcessStack start(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront) {
		ProcessStack stack = new ProcessStack(settings, databaseFront);
		try {
			stack.startAll();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll() {
		Path data = this.settings.dataDir().toAbsolutePath();
		int controllerPort = (this.settings.kafkaControllerPort() == 0) ? FreePorts.next()
				: this.settings.kafkaControllerPort();
		this.smtp = ConsoleSmtpServer.start(this.smtpPort, this.emailReceived);
		this.sms = LocalSmsProvider.start(this.smsPort, this.smsReceived);
		this.commands.put(Part.KAFKA, List.of("kafka", data.resolve("kafka").toString(),
				String.valueOf(port(Part.KAFKA)), String.valueOf(controllerPort)));
		this.commands.put(Part.MONGO, List.of("mongo", data.resolve("mongo").resolve("aiguillage.mv").toString(),
				String.valueOf(port(Part.MONGO))));
		this.commands.put(Part.AUTHORIZATION, List.of("authorization", String.valueOf(port(Part.AUTHORIZATION)),
				issuer(), data.resolve("authorization").resolve("signing-key.jwk.json").toString()));
		List<Integer> servicePorts = List.of(port(Part.REFERRAL), port(Part.MATCHING), port(Part.WAITLIST),
				port(Part.NOTIFICATION));
		for (Part part : Part.values()) {
			if (part.isService()) {
				List<String> command = new ArrayList<>(List.of("service", String.valueOf(part.serviceIndex())));
				command.addAll(LocalStack.serviceArguments(part.serviceIndex(), servicePorts, port(Part.AUTHORIZATION),
						bootstrapServers(), mongoUri(), data, this.settings.demoData(), this.smtp.port(),
						this.sms.baseUrl()));
				this.commands.put(part, command);
			}
		}
		launch(Part.KAFKA);
		launch(Part.MONGO);
		awaitReady(Part.KAFKA);
		awaitReady(Part.MONGO);
		launch(Part.AUTHORIZATION);
		awaitReady(Part.AUTHORIZATION);
		for (Part part : Part.values()) {
			if (part.isService()) {
				launch(part);
			}
		}
		for (Part part : Part.values()) {
			if (part.isService()) {
				awaitReady(part);
			}
		}
		if (this.settings.demoData()) {
			DemoReferrals.loadOnce(mongoUri(), issuer(), port(Part.REFERRAL));
		}
	}

	/**
	 * Kills a part at once ({@code SIGKILL}), as a crash would.
	 * @param part the part
	 */
	public void kill(Part part) {
		Process process = this.processes.remove(part);
		if (process != null) {
			resumeIfPaused(process);
			process.destroyForcibly();
			waitFor(process, Duration.ofSeconds(30));
		}
	}

	/**
	 * Starts a part again, with the same command, and waits until it listens.
	 * @param part a part that was killed or stopped
	 */
	public void restart(Part part) {
		kill(part);
		launch(part);
		awaitReady(part);
	}

	/**
	 * Freezes a part ({@code SIGSTOP}): it holds its connections and leases but does
	 * nothing.
	 * @param part the part
	 */
	public void pause(Part part) {
		signal(part, "STOP");
	}

	/**
	 * Lets a paused part go on ({@code SIGCONT}).
	 * @param part the part
	 */
	public void resume(Part part) {
		signal(part, "CONT");
	}

	/**
	 * The process id of a running part.
	 * @param part the part
	 * @return its pid
	 */
	public long pid(Part part) {
		Process process = this.processes.get(part);
		if (process == null) {
			throw new IllegalStateException(part + " is not running");
		}
		return process.pid();
	}

	/**
	 * The port a part listens on (HTTP for the authorization server and the services).
	 * @param part the part
	 * @return its port
	 */
	public int port(Part part) {
		return this.ports.get(part);
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port(Part.KAFKA);
	}

	/**
	 * How one of the stack's principals connects to its broker.
	 * @param principal {@code admin}, a service or a demo partner
	 * @return bootstrap servers and login
	 */
	public Map<String, Object> kafkaClientSettings(String principal) {
		return KafkaPrincipals.loadOrCreate(this.settings.dataDir().toAbsolutePath())
			.clientSettings(bootstrapServers(), principal);
	}

	/**
	 * The database as the services reach it (through the front, when there is one).
	 * @return its connection string
	 */
	public String mongoUri() {
		return "mongodb://127.0.0.1:" + this.servicesMongoPort;
	}

	/**
	 * The database itself, past any front: what the invariant checker reads.
	 * @return its connection string
	 */
	public String directMongoUri() {
		return "mongodb://127.0.0.1:" + port(Part.MONGO);
	}

	public String issuer() {
		return "http://localhost:" + port(Part.AUTHORIZATION);
	}

	/**
	 * The SMTP stub, which stands for the organization's mail server.
	 * @return the stub
	 */
	public ConsoleSmtpServer smtp() {
		return this.smtp;
	}

	/**
	 * The SMS stub, which stands for the provider.
	 * @return the stub
	 */
	public LocalSmsProvider sms() {
		return this.sms;
	}

	/**
	 * Stops the SMTP stand-in, as a mail server that went down: connections are refused.
	 */
	public void stopSmtp() {
		this.smtp.close();
	}

	/** Starts the SMTP stand-in again on its port, keeping what it counted. */
	public void startSmtp() {
		this.smtp = ConsoleSmtpServer.start(this.smtp.port(), this.emailReceived);
	}

	/** Stops the SMS stand-in, as a provider that went down: connections are refused. */
	public void stopSms() {
		this.sms.close();
	}

	/** Starts the SMS stand-in again on its port, keeping what it counted. */
	public void startSms() {
		this.sms = LocalSmsProvider.start(this.smsPort, this.smsReceived);
	}

	/**
	 * What the SMTP and SMS stand-ins took since the stack started, by delivery id, for
	 * the invariant checker.
	 * @return the counts
	 */
	public InvariantChecker.Providers providersReceived() {
		return new InvariantChecker.Providers(Map.copyOf(this.smsReceived), Map.copyOf(this.emailReceived));
	}

	private void launch(Part part) {
		Path logs = this.settings.dataDir().toAbsolutePath().resolve("logs");
		try {
			Files.createDirectories(logs);
			List<String> command = new ArrayList<>(javaCommand(part));
			command.addAll(this.commands.get(part));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(part.logName() + ".log").toFile()))
				.start();
			this.processes.put(part, process);
			log.info("{} started as process {} (log: {})", part.logName(), process.pid(),
					logs.resolve(part.logName() + ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> javaCommand(Part part) {
		String java = ProcessHandle.current().info().command().orElse("java");
		String classpath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xms64m",
				(part == Part.KAFKA) ? "-Xmx512m" : "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xss512k"));
		String durability = System.getProperty("aiguillage.mongo.durability");
		if (durability != null) {
			command.add("-Daiguillage.mongo.durability=" + durability);
		}
		command.add("-cp");
		command.add(classpath);
		if (isBootJar(classpath)) {
			// Started from aiguillage-local-stack.jar: its launcher finds the nested
			// jars.
			command.add("-Dloader.main=" + StackProcess.class.getName());
			command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		else {
			command.add(StackProcess.class.getName());
		}
		return command;
	}

	private static boolean isBootJar(String classpath) {
		if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
			return false;
		}
		try (JarFile jar = new JarFile(classpath)) {
			return jar.getEntry("BOOT-INF/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void awaitReady(Part part) {
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		while (System.nanoTime() < deadline) {
			Process process = this.processes.get(part);
			if (process == null || !process.isAlive()) {
				throw new IllegalStateException(part.logName() + " stopped while starting: see "
						+ this.settings.dataDir().resolve("logs").resolve(part.logName() + ".log"));
			}
			if (listening(port(part))) {
				return;
			}
			try {
				process.waitFor(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while " + part.logName() + " started", ex);
			}
		}
		throw new IllegalStateException(part.logName() + " did not listen on port " + port(part) + " within "
				+ READY_WITHIN.toSeconds() + " s");
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void signal(Part part, String signal) {
		if (!sendSignal(pid(part), signal)) {
			throw new IllegalStateException("kill -" + signal + " " + part.logName() + " failed");
		}
	}

	private static void resumeIfPaused(Process process) {
		// A process already gone has nothing to resume.
		sendSignal(process.pid(), "CONT");
	}

	// Java has no API for SIGSTOP and SIGCONT: the system's kill sends them.
	private static boolean sendSignal(long pid, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
			return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int chosen(int port) {
		return (port == 0) ? FreePorts.next() : port;
	}

	private static void waitFor(Process process, Duration limit) {
		try {
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		// Services first, then what they use, as docker-compose stops them.
		Part[] parts = Part.values();
		for (int i = parts.length - 1; i >= 0; i--) {
			Process process = this.processes.remove(parts[i]);
			if (process != null) {
				resumeIfPaused(process);
				process.destroy();
				waitFor(process, Duration.ofSeconds(30));
			}
		}
		if (this.smtp != null) {
			this.smtp.close();
		}
		if (this.sms != null) {
			this.sms.close();
		}
	}

}
