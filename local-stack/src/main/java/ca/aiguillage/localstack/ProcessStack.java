package ca.aiguillage.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.jar.JarFile;

import ca.aiguillage.localstack.invariants.InvariantChecker;
import ca.aiguillage.localstack.stubs.ConsoleSmtpServer;
import ca.aiguillage.localstack.stubs.LocalSmsProvider;
import ca.aiguillage.localstack.stubs.LocalWebhookReceiver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack with each part in its own process — the broker, the database, the
 * authorization server, each of the four services and the FHIR gateway — as
 * docker-compose runs them, without Docker: one part can be killed ({@code kill -9}),
 * paused ({@code SIGSTOP}) or restarted while the others run. The SMTP and SMS stubs
 * stand for outside providers and stay in this process, where they can be stopped and
 * started again. Each part writes its log to {@code <data>/logs/<part>.log}.
 * <p>
 * Over 300 lines on purpose: starting, watching and signalling the processes share their
 * table of commands, ports and handles, which a fault test drives as one thing.
 */
public final class ProcessStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ProcessStack.class);

	private static final Duration READY_WITHIN = Duration.ofMinutes(5);

	// How often a part whose free port another process took first is given another.
	private static final int PORT_ATTEMPTS = 3;

	/** The parts, in the order they start. */
	public enum Part {

		KAFKA, MONGO, AUTHORIZATION, REFERRAL, MATCHING, WAITLIST, NOTIFICATION,
		/** The FHIR gateway, which translates for referral-service. */
		FHIR;

		boolean isService() {
			return ordinal() >= REFERRAL.ordinal() && this != FHIR;
		}

		int serviceIndex() {
			return ordinal() - REFERRAL.ordinal();
		}

		String logName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final LocalStack.Settings settings;

	private final Map<Part, Integer> ports = new EnumMap<>(Part.class);

	private final Map<Part, Process> processes = new EnumMap<>(Part.class);

	private final @Nullable IntUnaryOperator databaseFront;

	private final @Nullable IntUnaryOperator brokerFront;

	private final IntSupplier freePorts;

	private int controllerPort;

	// The port the services reach the database at: a proxy's when one stands in front.
	private int servicesMongoPort;

	// The port the broker tells its clients: its front's when one stands in front.
	private int advertisedKafkaPort;

	private final Map<String, Integer> smsReceived = new ConcurrentHashMap<>();

	private final Map<String, Integer> emailReceived = new ConcurrentHashMap<>();

	private final Map<String, Integer> smsPosted = new ConcurrentHashMap<>();

	private final Map<String, Integer> webhooksAcknowledged = new ConcurrentHashMap<>();

	private LocalWebhookReceiver webhooks;

	private final AtomicBoolean closed = new AtomicBoolean();

	private ConsoleSmtpServer smtp;

	private LocalSmsProvider sms;

	private ProcessStack(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront,
			@Nullable IntUnaryOperator brokerFront, IntSupplier freePorts) {
		this.settings = settings;
		this.databaseFront = databaseFront;
		this.brokerFront = brokerFront;
		this.freePorts = freePorts;
		this.ports.put(Part.KAFKA, chosen(settings.kafkaPort()));
		this.ports.put(Part.MONGO, chosen(settings.mongoPort()));
		this.ports.put(Part.AUTHORIZATION, chosen(settings.authorizationPort()));
		for (Part part : Part.values()) {
			if (part.isService()) {
				this.ports.put(part, chosen(settings.servicePorts().get(part.serviceIndex())));
			}
		}
		this.ports.put(Part.FHIR, chosen((settings.servicePorts().get(0) == 0) ? 0 : LocalStack.FHIR_PORT));
		this.controllerPort = chosen(settings.kafkaControllerPort());
		this.servicesMongoPort = port(Part.MONGO);
		this.advertisedKafkaPort = port(Part.KAFKA);
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
	 * {@code FaultyProxy}: the services reach the database only through it.
	 * @param settings where the data go and which ports (0 for free ones)
	 * @param databaseFront given the database's port, starts what stands in front of it
	 * and returns the port the services use instead; null for none
	 * @return the running stack
	 */
	public static ProcessStack start(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront) {
		return start(settings, databaseFront, null, FreePorts::next);
	}

	/**
	 * Starts every part with something in front of the database and of the broker. The
	 * broker advertises its front's port, so every connection of every client (the
	 * services, the invariant checker) goes through the front, not only the first.
	 * @param settings where the data go and which ports (0 for free ones)
	 * @param databaseFront as {@link #start(LocalStack.Settings, IntUnaryOperator)}
	 * @param brokerFront given the broker's port, starts what stands in front of it
	 * (before the broker, which advertises it) and returns its port; asked again when the
	 * broker must start on another port; null for none
	 * @return the running stack
	 */
	public static ProcessStack start(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront,
			@Nullable IntUnaryOperator brokerFront) {
		return start(settings, databaseFront, brokerFront, FreePorts::next);
	}

	/**
	 * Starts every part on free ports, on a fresh temporary data directory with the demo
	 * data, for a command that measures the stack (the soak, the footprint). Stopped
	 * before its end by a signal to this process alone, it stops its parts too: they
	 * would otherwise run on, orphaned.
	 * @param name names the data directory
	 * @return the running stack
	 * @throws IOException when the data directory cannot be made
	 */
	static ProcessStack startForCommand(String name) throws IOException {
		Path data = Files.createTempDirectory("aiguillage-" + name);
		ProcessStack stack = start(new LocalStack.Settings(data, 0, 0, 0, 0, List.of(0, 0, 0, 0), true));
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, name + "-shutdown"));
		return stack;
	}

	/**
	 * Starts every part, taking the ports that are 0 in the settings from the supplier
	 * given: a part whose port another process took before it bound it is started again
	 * on the next one.
	 */
	static ProcessStack start(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront,
			@Nullable IntUnaryOperator brokerFront, IntSupplier freePorts) {
		ProcessStack stack = new ProcessStack(settings, databaseFront, brokerFront, freePorts);
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
		boolean anyPort = this.settings.kafkaPort() == 0;
		// The stubs bind at once, in this process, and take any free port when theirs is
		// taken.
		this.smtp = ConsoleSmtpServer.start(anyPort ? 0 : 1025, this.emailReceived);
		this.sms = LocalSmsProvider.start(anyPort ? 0 : 8089, this.smsReceived, this.smsPosted);
		this.webhooks = LocalWebhookReceiver.start(this.webhooksAcknowledged);
		frontTheBroker();
		startAlone(Part.KAFKA);
		startAlone(Part.MONGO);
		if (this.databaseFront != null) {
			this.servicesMongoPort = this.databaseFront.applyAsInt(port(Part.MONGO));
		}
		startAlone(Part.AUTHORIZATION);
		startServices();
		// The gateway translates for referral-service and reads the R4 profiles as it
		// starts: after the services, as the one-JVM stack starts it.
		startAlone(Part.FHIR);
		if (this.settings.demoData()) {
			DemoReferrals.loadOnce(mongoUri(), issuer(), port(Part.REFERRAL));
		}
	}

	// Every other part is told this one's port when it starts: no other part is running
	// yet
	// with the port that was taken.
	private void startAlone(Part part) {
		for (int attempt = 1;; attempt++) {
			launch(part);
			try {
				awaitReady(part);
				return;
			}
			catch (PortTakenException ex) {
				if (attempt == PORT_ATTEMPTS || !anotherPort(part)) {
					throw ex;
				}
			}
		}
	}

	// Each service is told every service's port: one started again on another port
	// starts the others again too.
	private void startServices() {
		for (int attempt = 1;; attempt++) {
			List<Part> services = Arrays.stream(Part.values()).filter(Part::isService).toList();
			services.forEach(this::launch);
			try {
				for (Part part : services) {
					awaitReady(part);
				}
				return;
			}
			catch (PortTakenException ex) {
				services.forEach(this::kill);
				if (attempt == PORT_ATTEMPTS || !anotherPort(ex.part)) {
					throw ex;
				}
			}
		}
	}

	private void frontTheBroker() {
		this.advertisedKafkaPort = (this.brokerFront != null) ? this.brokerFront.applyAsInt(port(Part.KAFKA))
				: port(Part.KAFKA);
	}

	private boolean anotherPort(Part part) {
		boolean chosen = (part == Part.KAFKA) ? this.settings.kafkaPort() == 0
				: (part == Part.MONGO) ? this.settings.mongoPort() == 0
						: (part == Part.AUTHORIZATION) ? this.settings.authorizationPort() == 0
								: this.settings.servicePorts().get((part == Part.FHIR) ? 0 : part.serviceIndex()) == 0;
		if (!chosen) {
			// A port the operator asked for is theirs to free.
			return false;
		}
		log.info("{}'s port {} was taken by another process: starting it on another one", part.logName(), port(part));
		this.ports.put(part, this.freePorts.getAsInt());
		if (part == Part.KAFKA && this.settings.kafkaControllerPort() == 0) {
			this.controllerPort = this.freePorts.getAsInt();
		}
		if (part == Part.KAFKA) {
			frontTheBroker();
		}
		return true;
	}

	private List<String> command(Part part) {
		Path data = this.settings.dataDir().toAbsolutePath();
		return switch (part) {
			case KAFKA -> List.of("kafka", data.resolve("kafka").toString(), String.valueOf(port(Part.KAFKA)),
					String.valueOf(this.controllerPort), String.valueOf(this.advertisedKafkaPort));
			case MONGO -> List.of("mongo", data.resolve("mongo").resolve("aiguillage.mv").toString(),
					String.valueOf(port(Part.MONGO)));
			case AUTHORIZATION -> List.of("authorization", String.valueOf(port(Part.AUTHORIZATION)), issuer(),
					data.resolve("authorization").resolve("signing-key.jwk.json").toString());
			case FHIR -> {
				List<String> command = new ArrayList<>(List.of("fhir"));
				command.addAll(LocalStack.fhirArguments(port(Part.FHIR), servicePorts(), port(Part.AUTHORIZATION),
						bootstrapServers(), mongoUri(), data, this.settings.demoData(), this.smtp.port(),
						this.sms.baseUrl()));
				yield command;
			}
			default -> {
				List<Integer> servicePorts = servicePorts();
				List<String> command = new ArrayList<>(List.of("service", String.valueOf(part.serviceIndex())));
				command.addAll(LocalStack.serviceArguments(part.serviceIndex(), servicePorts, port(Part.AUTHORIZATION),
						bootstrapServers(), mongoUri(), data, this.settings.demoData(), this.smtp.port(),
						this.sms.baseUrl()));
				yield command;
			}
		};
	}

	private List<Integer> servicePorts() {
		return List.of(port(Part.REFERRAL), port(Part.MATCHING), port(Part.WAITLIST), port(Part.NOTIFICATION));
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
	 * How long a running part took from its process's start to its own word that it was
	 * ready.
	 * @param part the part
	 * @return the time, or empty when the system does not tell a process's start
	 */
	public Optional<Duration> startedIn(Part part) {
		Process process = this.processes.get(part);
		if (process == null || !Files.exists(readyFile(part))) {
			return Optional.empty();
		}
		try {
			Instant ready = Files.getLastModifiedTime(readyFile(part)).toInstant();
			return process.info().startInstant().map(started -> Duration.between(started, ready));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The memory a running part holds now (its resident set, from Linux's
	 * {@code /proc/<pid>/status}).
	 * @param part the part
	 * @return the bytes, or empty when the system does not tell
	 */
	public OptionalLong residentBytes(Part part) {
		Process process = this.processes.get(part);
		if (process == null) {
			return OptionalLong.empty();
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
				}
			}
			return OptionalLong.empty();
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * The port a part listens on (HTTP for the authorization server and the services).
	 * @param part the part
	 * @return its port
	 */
	public int port(Part part) {
		return this.ports.get(part);
	}

	/**
	 * The broker as its clients reach it (through the front, when there is one).
	 * @return its address
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.advertisedKafkaPort;
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
		this.sms = LocalSmsProvider.start(this.sms.port(), this.smsReceived, this.smsPosted);
	}

	/**
	 * A partner's webhook endpoint, on loopback: register it for a partner
	 * ({@link LocalWebhookReceiver#urlOf}) and tell it the secret it was given.
	 * @return the receiver
	 */
	public LocalWebhookReceiver webhooks() {
		return this.webhooks;
	}

	/**
	 * What the SMTP, SMS and webhook stand-ins took since the stack started, by delivery
	 * id, for the invariant checker.
	 * @return the counts
	 */
	public InvariantChecker.Providers providersReceived() {
		return new InvariantChecker.Providers(Map.copyOf(this.smsReceived), Map.copyOf(this.emailReceived),
				Map.copyOf(this.webhooksAcknowledged));
	}

	private void launch(Part part) {
		Path logs = this.settings.dataDir().toAbsolutePath().resolve("logs");
		try {
			Files.createDirectories(logs);
			Files.createDirectories(readyFile(part).getParent());
			Files.deleteIfExists(readyFile(part));
			List<String> command = new ArrayList<>(javaCommand(part, readyFile(part)));
			command.addAll(command(part));
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

	private Path readyFile(Part part) {
		return this.settings.dataDir().toAbsolutePath().resolve("run").resolve(part.logName() + ".ready");
	}

	private static List<String> javaCommand(Part part, Path readyFile) {
		String java = ProcessHandle.current().info().command().orElse("java");
		String classpath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xms64m",
				// The FHIR validator holds every R4 profile in memory.
				(part == Part.KAFKA || part == Part.FHIR) ? "-Xmx512m" : "-Xmx384m"));
		// The footprint command compares other choices (C2, class-data sharing...).
		// {part} names a file of each part's own, such as its ahead-of-time cache.
		String options = System.getProperty("aiguillage.stack.jvm-options", "-XX:TieredStopAtLevel=1 -Xss512k")
			.replace("{part}", part.logName());
		command.addAll(Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList());
		String durability = System.getProperty("aiguillage.mongo.durability");
		if (durability != null) {
			command.add("-Daiguillage.mongo.durability=" + durability);
		}
		command.add("-D" + StackProcess.READY_FILE + "=" + readyFile);
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
			// Its own word, not a listener on its port: another process may hold that.
			if (Files.exists(readyFile(part))) {
				return;
			}
			if (process == null || !process.isAlive()) {
				if (process != null && process.exitValue() == StackProcess.PORT_TAKEN) {
					throw new PortTakenException(part, port(part));
				}
				throw new IllegalStateException(part.logName() + " stopped while starting: see "
						+ this.settings.dataDir().resolve("logs").resolve(part.logName() + ".log"));
			}
			try {
				process.waitFor(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while " + part.logName() + " started", ex);
			}
		}
		throw new IllegalStateException(part.logName() + " did not start within " + READY_WITHIN.toSeconds() + " s");
	}

	/** A part found its port taken by another process when it came to bind it. */
	static final class PortTakenException extends IllegalStateException {

		private final Part part;

		PortTakenException(Part part, int port) {
			super(part.logName() + " could not bind port " + port + ": another process took it");
			this.part = part;
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

	private int chosen(int port) {
		return (port == 0) ? this.freePorts.getAsInt() : port;
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
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
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
		if (this.webhooks != null) {
			this.webhooks.close();
		}
	}

}
