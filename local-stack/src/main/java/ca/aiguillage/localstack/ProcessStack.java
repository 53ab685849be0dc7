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
 * It can run more than one instance of each service
 * ({@link #start(LocalStack.Settings, int)}): each in its own process on its own HTTP
 * port, on the same database and broker and in the same consumer groups, so that the
 * broker splits each topic's partitions between them. The second writes its log to
 * {@code <data>/logs/<part>-2.log}; kill, pause and restart name the instance, the first
 * by default.
 * <p>
 * Over 300 lines on purpose: starting, watching and signalling the processes share their
 * table of commands, ports and handles, which a fault test drives as one thing.
 */
public final class ProcessStack implements AutoCloseable {

	/**
	 * Each part's JVM options unless {@code aiguillage.stack.jvm-options} names others:
	 * the client compiler, with the code space the JVM reserves for both compilers (in
	 * the 48 MB it reserves for the client compiler alone, every few megabytes of new
	 * code start a full collection: docs/performance.md, warm-up), and smaller thread
	 * stacks.
	 */
	static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m -Xss512k";

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

	/**
	 * One process of the stack: a part, and which of its instances (1 for every part but
	 * the services, which may run more).
	 *
	 * @param part the part
	 * @param number the instance, from 1
	 */
	public record Instance(Part part, int number) {

		public Instance {
			if (number < 1 || (number > 1 && !part.isService())) {
				throw new IllegalArgumentException(part + " has no instance " + number);
			}
		}

		/**
		 * The first (or only) instance of a part.
		 * @param part the part
		 * @return its first instance
		 */
		public static Instance first(Part part) {
			return new Instance(part, 1);
		}

		/**
		 * Names its log and its ready file: the part's name, then the instance past the
		 * first.
		 * @return {@code matching}, {@code matching-2}...
		 */
		public String logName() {
			return (this.number == 1) ? this.part.logName() : this.part.logName() + "-" + this.number;
		}

	}

	private final LocalStack.Settings settings;

	private final int instances;

	private final Map<Instance, Integer> ports = new ConcurrentHashMap<>();

	private final Map<Instance, Process> processes = new ConcurrentHashMap<>();

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
			@Nullable IntUnaryOperator brokerFront, IntSupplier freePorts, int instances) {
		if (instances < 1) {
			throw new IllegalArgumentException("At least one instance of each service, not " + instances);
		}
		this.settings = settings;
		this.databaseFront = databaseFront;
		this.brokerFront = brokerFront;
		this.freePorts = freePorts;
		this.instances = instances;
		this.ports.put(Instance.first(Part.KAFKA), chosen(settings.kafkaPort()));
		this.ports.put(Instance.first(Part.MONGO), chosen(settings.mongoPort()));
		this.ports.put(Instance.first(Part.AUTHORIZATION), chosen(settings.authorizationPort()));
		for (Instance service : services()) {
			// The settings name the first instance's port; the others take free ones.
			this.ports.put(service, (service.number() == 1)
					? chosen(settings.servicePorts().get(service.part().serviceIndex())) : freePorts.getAsInt());
		}
		this.ports.put(Instance.first(Part.FHIR),
				chosen((settings.servicePorts().get(0) == 0) ? 0 : LocalStack.FHIR_PORT));
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
		return startForCommand(name, 1);
	}

	/**
	 * As {@link #startForCommand(String)}, with that many instances of each service.
	 * @param name names the data directory
	 * @param instances how many instances of each service
	 * @return the running stack
	 * @throws IOException when the data directory cannot be made
	 */
	static ProcessStack startForCommand(String name, int instances) throws IOException {
		Path data = Files.createTempDirectory("aiguillage-" + name);
		ProcessStack stack = start(new LocalStack.Settings(data, 0, 0, 0, 0, List.of(0, 0, 0, 0), true), null, null,
				FreePorts::next, instances);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, name + "-shutdown"));
		return stack;
	}

	/**
	 * Starts every part, with that many instances of each service: each in its own
	 * process and on its own HTTP port, on the same database and broker, in the same
	 * consumer groups. The first instance of each service takes the port of the settings,
	 * the others free ones.
	 * @param settings where the data go and which ports (0 for free ones)
	 * @param instances how many instances of each service (1 as
	 * {@link #start(LocalStack.Settings)})
	 * @return the running stack
	 */
	public static ProcessStack start(LocalStack.Settings settings, int instances) {
		return start(settings, null, null, FreePorts::next, instances);
	}

	/**
	 * Starts every part, taking the ports that are 0 in the settings from the supplier
	 * given: a part whose port another process took before it bound it is started again
	 * on the next one.
	 */
	static ProcessStack start(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront,
			@Nullable IntUnaryOperator brokerFront, IntSupplier freePorts) {
		return start(settings, databaseFront, brokerFront, freePorts, 1);
	}

	private static ProcessStack start(LocalStack.Settings settings, @Nullable IntUnaryOperator databaseFront,
			@Nullable IntUnaryOperator brokerFront, IntSupplier freePorts, int instances) {
		ProcessStack stack = new ProcessStack(settings, databaseFront, brokerFront, freePorts, instances);
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
		startAlone(Instance.first(Part.KAFKA));
		startAlone(Instance.first(Part.MONGO));
		if (this.databaseFront != null) {
			this.servicesMongoPort = this.databaseFront.applyAsInt(port(Part.MONGO));
		}
		startAlone(Instance.first(Part.AUTHORIZATION));
		startServices();
		// The gateway translates for referral-service and reads the R4 profiles as it
		// starts: after the services, as the one-JVM stack starts it.
		startAlone(Instance.first(Part.FHIR));
		if (this.settings.demoData()) {
			DemoReferrals.loadOnce(mongoUri(), issuer(), port(Part.REFERRAL));
		}
	}

	// Every other part is told this one's port when it starts: no other part is running
	// yet
	// with the port that was taken.
	private void startAlone(Instance instance) {
		for (int attempt = 1;; attempt++) {
			launch(instance);
			try {
				awaitReady(instance);
				return;
			}
			catch (PortTakenException ex) {
				if (attempt == PORT_ATTEMPTS || !anotherPort(instance)) {
					throw ex;
				}
			}
		}
	}

	// Each service is told every service's port: one started again on another port
	// starts the others again too. The instances of one number call each other: they
	// start together, those of the next number once they are ready, so that two cores
	// do not start eight services at once.
	private void startServices() {
		for (int number = 1; number <= this.instances; number++) {
			int wave = number;
			startTogether(services().stream().filter((service) -> service.number() == wave).toList());
		}
	}

	private void startTogether(List<Instance> services) {
		for (int attempt = 1;; attempt++) {
			services.forEach(this::launch);
			try {
				for (Instance service : services) {
					awaitReady(service);
				}
				return;
			}
			catch (PortTakenException ex) {
				services.forEach(this::kill);
				if (attempt == PORT_ATTEMPTS || !anotherPort(ex.instance)) {
					throw ex;
				}
			}
		}
	}

	// The services' processes in the order they start: every service's first instance,
	// then every service's second...
	private List<Instance> services() {
		List<Instance> services = new ArrayList<>();
		for (int number = 1; number <= this.instances; number++) {
			for (Part part : Part.values()) {
				if (part.isService()) {
					services.add(new Instance(part, number));
				}
			}
		}
		return services;
	}

	// Every process in the order they start.
	private List<Instance> all() {
		List<Instance> all = new ArrayList<>(
				List.of(Instance.first(Part.KAFKA), Instance.first(Part.MONGO), Instance.first(Part.AUTHORIZATION)));
		all.addAll(services());
		all.add(Instance.first(Part.FHIR));
		return all;
	}

	private void frontTheBroker() {
		this.advertisedKafkaPort = (this.brokerFront != null) ? this.brokerFront.applyAsInt(port(Part.KAFKA))
				: port(Part.KAFKA);
	}

	private boolean anotherPort(Instance instance) {
		Part part = instance.part();
		boolean chosen = (instance.number() > 1)
				|| ((part == Part.KAFKA) ? this.settings.kafkaPort() == 0
						: (part == Part.MONGO) ? this.settings.mongoPort() == 0 : (part == Part.AUTHORIZATION)
								? this.settings.authorizationPort() == 0
								: this.settings.servicePorts().get((part == Part.FHIR) ? 0 : part.serviceIndex()) == 0);
		if (!chosen) {
			// A port the operator asked for is theirs to free.
			return false;
		}
		log.info("{}'s port {} was taken by another process: starting it on another one", instance.logName(),
				port(instance));
		this.ports.put(instance, this.freePorts.getAsInt());
		if (part == Part.KAFKA && this.settings.kafkaControllerPort() == 0) {
			this.controllerPort = this.freePorts.getAsInt();
		}
		if (part == Part.KAFKA) {
			frontTheBroker();
		}
		return true;
	}

	private List<String> command(Instance instance) {
		Path data = this.settings.dataDir().toAbsolutePath();
		Part part = instance.part();
		return switch (part) {
			case KAFKA -> List.of("kafka", data.resolve("kafka").toString(), String.valueOf(port(Part.KAFKA)),
					String.valueOf(this.controllerPort), String.valueOf(this.advertisedKafkaPort));
			case MONGO -> List.of("mongo", data.resolve("mongo").resolve("aiguillage.mv").toString(),
					String.valueOf(port(Part.MONGO)));
			case AUTHORIZATION -> List.of("authorization", String.valueOf(port(Part.AUTHORIZATION)), issuer(),
					data.resolve("authorization").resolve("signing-key.jwk.json").toString());
			case FHIR -> {
				List<String> command = new ArrayList<>(List.of("fhir"));
				command.addAll(LocalStack.fhirArguments(port(Part.FHIR), servicePorts(1), port(Part.AUTHORIZATION),
						bootstrapServers(), mongoUri(), data, this.settings.demoData(), this.smtp.port(),
						this.sms.baseUrl()));
				yield command;
			}
			default -> {
				// Each instance calls the other services' instances of its own number.
				List<Integer> servicePorts = servicePorts(instance.number());
				List<String> command = new ArrayList<>(
						List.of("service", String.valueOf(part.serviceIndex()), String.valueOf(instance.number())));
				command.addAll(LocalStack.serviceArguments(part.serviceIndex(), servicePorts, port(Part.AUTHORIZATION),
						bootstrapServers(), mongoUri(), data, this.settings.demoData(), this.smtp.port(),
						this.sms.baseUrl()));
				yield command;
			}
		};
	}

	private List<Integer> servicePorts(int number) {
		return List.of(port(Part.REFERRAL, number), port(Part.MATCHING, number), port(Part.WAITLIST, number),
				port(Part.NOTIFICATION, number));
	}

	/**
	 * How many instances of a part run.
	 * @param part the part
	 * @return as many as the stack started for a service, 1 for any other part
	 */
	public int instances(Part part) {
		return part.isService() ? this.instances : 1;
	}

	/**
	 * Kills a part's first instance at once ({@code SIGKILL}), as a crash would.
	 * @param part the part
	 */
	public void kill(Part part) {
		kill(Instance.first(part));
	}

	/**
	 * Kills one instance at once ({@code SIGKILL}), as a crash would.
	 * @param instance the instance
	 */
	public void kill(Instance instance) {
		Process process = this.processes.remove(instance);
		if (process != null) {
			resumeIfPaused(process);
			process.destroyForcibly();
			waitFor(process, Duration.ofSeconds(30));
		}
	}

	/**
	 * Starts a part's first instance again, with the same command, and waits until it
	 * listens.
	 * @param part a part that was killed or stopped
	 */
	public void restart(Part part) {
		restart(Instance.first(part));
	}

	/**
	 * Starts one instance again, with the same command, and waits until it listens.
	 * @param instance an instance that was killed or stopped
	 */
	public void restart(Instance instance) {
		kill(instance);
		launch(instance);
		awaitReady(instance);
	}

	/**
	 * Freezes a part's first instance ({@code SIGSTOP}): it holds its connections and
	 * leases but does nothing.
	 * @param part the part
	 */
	public void pause(Part part) {
		pause(Instance.first(part));
	}

	/**
	 * Freezes one instance ({@code SIGSTOP}).
	 * @param instance the instance
	 */
	public void pause(Instance instance) {
		signal(instance, "STOP");
	}

	/**
	 * Lets a paused part's first instance go on ({@code SIGCONT}).
	 * @param part the part
	 */
	public void resume(Part part) {
		resume(Instance.first(part));
	}

	/**
	 * Lets a paused instance go on ({@code SIGCONT}).
	 * @param instance the instance
	 */
	public void resume(Instance instance) {
		signal(instance, "CONT");
	}

	/**
	 * The process id of a running part's first instance.
	 * @param part the part
	 * @return its pid
	 */
	public long pid(Part part) {
		return pid(Instance.first(part));
	}

	/**
	 * The process id of a running instance.
	 * @param instance the instance
	 * @return its pid
	 */
	public long pid(Instance instance) {
		Process process = this.processes.get(instance);
		if (process == null) {
			throw new IllegalStateException(instance.logName() + " is not running");
		}
		return process.pid();
	}

	/**
	 * How long a running part's first instance took from its process's start to its own
	 * word that it was ready.
	 * @param part the part
	 * @return the time, or empty when the system does not tell a process's start
	 */
	public Optional<Duration> startedIn(Part part) {
		return startedIn(Instance.first(part));
	}

	/**
	 * How long a running instance took from its process's start to its own word that it
	 * was ready.
	 * @param instance the instance
	 * @return the time, or empty when the system does not tell a process's start
	 */
	public Optional<Duration> startedIn(Instance instance) {
		Process process = this.processes.get(instance);
		if (process == null || !Files.exists(readyFile(instance))) {
			return Optional.empty();
		}
		try {
			Instant ready = Files.getLastModifiedTime(readyFile(instance)).toInstant();
			return process.info().startInstant().map(started -> Duration.between(started, ready));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The memory a running part's first instance holds now (its resident set, from
	 * Linux's {@code /proc/<pid>/status}).
	 * @param part the part
	 * @return the bytes, or empty when the system does not tell
	 */
	public OptionalLong residentBytes(Part part) {
		return residentBytes(Instance.first(part));
	}

	/**
	 * The memory a running instance holds now (its resident set).
	 * @param instance the instance
	 * @return the bytes, or empty when the system does not tell
	 */
	public OptionalLong residentBytes(Instance instance) {
		Process process = this.processes.get(instance);
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
	 * The port a part's first instance listens on (HTTP for the authorization server and
	 * the services).
	 * @param part the part
	 * @return its port
	 */
	public int port(Part part) {
		return port(Instance.first(part));
	}

	/**
	 * The port one instance of a part listens on.
	 * @param part the part
	 * @param number the instance, from 1
	 * @return its port
	 */
	public int port(Part part, int number) {
		return port(new Instance(part, number));
	}

	/**
	 * The port one instance listens on.
	 * @param instance the instance
	 * @return its port
	 */
	public int port(Instance instance) {
		Integer port = this.ports.get(instance);
		if (port == null) {
			throw new IllegalArgumentException(instance.logName() + " is not part of this stack");
		}
		return port;
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

	private void launch(Instance instance) {
		Path logs = this.settings.dataDir().toAbsolutePath().resolve("logs");
		try {
			Files.createDirectories(logs);
			Files.createDirectories(readyFile(instance).getParent());
			Files.deleteIfExists(readyFile(instance));
			List<String> command = new ArrayList<>(javaCommand(instance, readyFile(instance)));
			command.addAll(command(instance));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(instance.logName() + ".log").toFile()))
				.start();
			this.processes.put(instance, process);
			log.info("{} started as process {} (log: {})", instance.logName(), process.pid(),
					logs.resolve(instance.logName() + ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path readyFile(Instance instance) {
		return this.settings.dataDir().toAbsolutePath().resolve("run").resolve(instance.logName() + ".ready");
	}

	private static List<String> javaCommand(Instance instance, Path readyFile) {
		Part part = instance.part();
		String java = ProcessHandle.current().info().command().orElse("java");
		String classpath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xms64m",
				// The FHIR validator holds every R4 profile in memory.
				(part == Part.KAFKA || part == Part.FHIR) ? "-Xmx512m" : "-Xmx384m"));
		// The footprint command compares other choices (C2, class-data sharing...).
		// {part} names a file of each part's own, such as its ahead-of-time cache.
		String options = System.getProperty("aiguillage.stack.jvm-options", DEFAULT_JVM_OPTIONS)
			.replace("{part}", instance.logName());
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

	private void awaitReady(Instance instance) {
		String name = instance.logName();
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		while (System.nanoTime() < deadline) {
			Process process = this.processes.get(instance);
			// Its own word, not a listener on its port: another process may hold that.
			if (Files.exists(readyFile(instance))) {
				return;
			}
			if (process == null || !process.isAlive()) {
				if (process != null && process.exitValue() == StackProcess.PORT_TAKEN) {
					throw new PortTakenException(instance, port(instance));
				}
				throw new IllegalStateException(name + " stopped while starting: see "
						+ this.settings.dataDir().resolve("logs").resolve(name + ".log"));
			}
			try {
				process.waitFor(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while " + name + " started", ex);
			}
		}
		throw new IllegalStateException(name + " did not start within " + READY_WITHIN.toSeconds() + " s");
	}

	/** A part found its port taken by another process when it came to bind it. */
	static final class PortTakenException extends IllegalStateException {

		private final Instance instance;

		PortTakenException(Instance instance, int port) {
			super(instance.logName() + " could not bind port " + port + ": another process took it");
			this.instance = instance;
		}

	}

	private void signal(Instance instance, String signal) {
		if (!sendSignal(pid(instance), signal)) {
			throw new IllegalStateException("kill -" + signal + " " + instance.logName() + " failed");
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
		List<Instance> all = all();
		for (int i = all.size() - 1; i >= 0; i--) {
			Process process = this.processes.remove(all.get(i));
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
