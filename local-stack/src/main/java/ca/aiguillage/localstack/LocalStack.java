package ca.aiguillage.localstack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.authorization.AuthorizationServerApplication;
import ca.aiguillage.fhir.FhirGatewayApplication;
import ca.aiguillage.localstack.invariants.InvariantCheck;
import ca.aiguillage.localstack.stubs.ConsoleSmtpServer;
import ca.aiguillage.localstack.stubs.LocalSmsProvider;
import ca.aiguillage.matching.MatchingApplication;
import ca.aiguillage.notification.NotificationApplication;
import ca.aiguillage.referral.ReferralApplication;
import ca.aiguillage.waitlist.WaitlistApplication;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything Aiguillage needs on one machine, in one JVM: a real Kafka broker, the
 * embedded MongoDB server, the four services (each its own Spring context, configuration
 * and database, exactly as they run alone) and demo data. Ctrl-C stops it cleanly; its
 * data stays in the data directory.
 * <p>
 * Over 300 lines on purpose: the one place that knows every part's arguments, shared by
 * the one-JVM stack and {@link ProcessStack}, so that both run the services exactly
 * alike.
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

	/**
	 * The four services, in the order of their ports: referral, matching, waitlist,
	 * notification.
	 */
	static final List<Supplier<SpringApplicationBuilder>> APPLICATIONS = List.of(ReferralApplication::application,
			MatchingApplication::application, WaitlistApplication::application, NotificationApplication::application);

	private final @Nullable KafkaBroker kafka;

	private final @Nullable EmbeddedMongo mongo;

	private final String bootstrapServers;

	private final String mongoUri;

	private final List<ConfigurableApplicationContext> services = new ArrayList<>();

	private @Nullable ConfigurableApplicationContext authorization;

	private @Nullable ConsoleSmtpServer smtp;

	private @Nullable LocalSmsProvider sms;

	private LocalStack(@Nullable KafkaBroker kafka, @Nullable EmbeddedMongo mongo, String bootstrapServers,
			String mongoUri) {
		this.kafka = kafka;
		this.mongo = mongo;
		this.bootstrapServers = bootstrapServers;
		this.mongoUri = mongoUri;
	}

	/**
	 * Where the stack keeps its data and which ports it takes (0 for any free port).
	 *
	 * @param dataDir the data directory
	 * @param kafkaPort the broker's port
	 * @param kafkaControllerPort the KRaft controller's port
	 * @param mongoPort the embedded MongoDB port
	 * @param authorizationPort the authorization server's port (the issuer is
	 * {@code http://localhost:<port>})
	 * @param servicePorts the HTTP ports of referral, matching, waitlist and notification
	 * @param demoData whether to load demo data
	 * @param demoHistory the demo history to play on a first start, or null for none
	 */
	public record Settings(Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort, int authorizationPort,
			List<Integer> servicePorts, boolean demoData, DemoHistory.@Nullable Plan demoHistory) {

		/** Without a demo history, as tests start the stack. */
		public Settings(Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort, int authorizationPort,
				List<Integer> servicePorts, boolean demoData) {
			this(dataDir, kafkaPort, kafkaControllerPort, mongoPort, authorizationPort, servicePorts, demoData, null);
		}

		/**
		 * The ports of the README and six months of demo history on a first start, unless
		 * {@code -Daiguillage.demo-history=false}.
		 * @return the settings of {@code ./run-local.sh}
		 */
		public static Settings defaults() {
			return new Settings(Path.of(System.getProperty("aiguillage.data", "data")), 9092, 9093, 27017, 9000,
					List.of(8081, 8082, 8083, 8084), true,
					Boolean.parseBoolean(System.getProperty("aiguillage.demo-history", "true"))
							? DemoHistory.Plan.shipped() : null);
		}

		/**
		 * @return the same settings without a demo history
		 */
		public Settings withoutDemoHistory() {
			return new Settings(this.dataDir, this.kafkaPort, this.kafkaControllerPort, this.mongoPort,
					this.authorizationPort, this.servicePorts, this.demoData, null);
		}

	}

	/**
	 * Starts the broker, the embedded database, the services and the demo data.
	 * @param settings where and on which ports
	 * @return the running stack
	 */
	public static LocalStack start(Settings settings) {
		refuseTakenPorts(settings);
		KafkaBroker kafka = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
				settings.kafkaControllerPort());
		EmbeddedMongo mongo;
		try {
			mongo = EmbeddedMongo.start(settings.dataDir().resolve("mongo").resolve("aiguillage.mv"),
					settings.mongoPort());
		}
		catch (RuntimeException ex) {
			kafka.close();
			throw ex;
		}
		DemoHistory.@Nullable Plan history = DemoHistory.due(settings.demoHistory(), settings.dataDir(), mongo.uri())
				? settings.demoHistory() : null;
		return startServices(new LocalStack(kafka, mongo, kafka.bootstrapServers(), mongo.uri()), settings.dataDir(),
				settings.authorizationPort(), settings.servicePorts(), settings.demoData(), history);
	}

	private static void refuseTakenPorts(Settings settings) {
		List<Integer> ports = new ArrayList<>(
				List.of(settings.kafkaPort(), settings.kafkaControllerPort(), settings.mongoPort()));
		ports.add(settings.authorizationPort());
		ports.addAll(settings.servicePorts());
		for (int port : ports) {
			if (port == 0) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				// Two stacks on one data directory would corrupt the broker's log: stop
				// before touching it.
				throw new IllegalStateException("Port " + port
						+ " is already in use: is the local stack (or another Kafka, MongoDB or service) already running?");
			}
		}
	}

	/**
	 * Starts the authorization server and the four services against a Kafka and a MongoDB
	 * that run elsewhere (containers, a server), as docker-compose does.
	 * @param bootstrapServers the Kafka bootstrap servers
	 * @param mongoUri the MongoDB connection string
	 * @param dataDir where the authorization server keeps its signing key and
	 * referral-service its data-encryption and blind-index keys
	 * @param authorizationPort the authorization server's port
	 * @param servicePorts the HTTP ports (0 for any free port)
	 * @param demoData whether to load demo data
	 * @return the running services
	 */
	public static LocalStack startServices(String bootstrapServers, String mongoUri, Path dataDir,
			int authorizationPort, List<Integer> servicePorts, boolean demoData) {
		return startServices(new LocalStack(null, null, bootstrapServers, mongoUri), dataDir, authorizationPort,
				servicePorts, demoData, null);
	}

	private static LocalStack startServices(LocalStack stack, Path dataDir, int authorizationPort,
			List<Integer> servicePorts, boolean demoData, DemoHistory.@Nullable Plan history) {
		try {
			// Every service on the one demo clock while the history plays; the
			// authorization server keeps the real time, which its tokens must carry.
			@Nullable DemoClock clock = (history != null) ? DemoHistory.clockFor(history) : null;
			List<String> stackArguments = new ArrayList<>();
			if (clock != null || DemoHistory.played(dataDir)) {
				// Pages show the "Données de démonstration" banner.
				stackArguments.add("--aiguillage.demo-history=true");
			}
			if (clock != null) {
				// Answer windows and check-ins come due within a few demo hours, not
				// days.
				stackArguments.add("--waitlist.timers.poll-interval=PT1S");
			}
			if (stack.mongo != null) {
				stackArguments.addAll(SINGLE_INSTANCE_ARGUMENTS);
			}
			String issuer = "http://localhost:" + authorizationPort;
			// What notification-service sends to on one machine: logged, not delivered.
			stack.smtp = ConsoleSmtpServer.start(1025);
			stack.sms = LocalSmsProvider.start(8089);
			// A neighbour on the services' classpath, not a service: no platform,
			// database or broker for it.
			stack.authorization = AuthorizationServerApplication.startBesideServices(authorizationPort, issuer,
					dataDir.resolve("authorization").resolve("signing-key.jwk.json"));
			List<Supplier<SpringApplicationBuilder>> applications = APPLICATIONS;
			List<Integer> ports = new ArrayList<>(servicePorts);
			for (int i = 0; i < applications.size(); i++) {
				// The stack closes the services itself, before the database and the
				// broker they use.
				List<String> arguments = new ArrayList<>(
						serviceArguments(i, ports, authorizationPort, stack.bootstrapServers, stack.mongoUri, dataDir,
								demoData, stack.smtp.port(), stack.sms.baseUrl()));
				arguments.addAll(stackArguments);
				stack.services.add(onClock(applications.get(i).get(), clock).registerShutdownHook(false)
					.run(arguments.toArray(String[]::new)));
				// A service on port 0 took a free one: the next services call it there.
				ports.set(i, stack.port(i));
			}
			// The FHIR gateway translates for referral-service: started after it.
			List<String> fhir = fhirArguments((servicePorts.get(0) == 0) ? 0 : FHIR_PORT, ports, authorizationPort,
					stack.bootstrapServers, stack.mongoUri, dataDir, demoData, stack.smtp.port(), stack.sms.baseUrl());
			if (stack.mongo != null) {
				fhir.addAll(SINGLE_INSTANCE_ARGUMENTS);
			}
			stack.services.add(onClock(FhirGatewayApplication.application(), clock).registerShutdownHook(false)
				.run(fhir.toArray(String[]::new)));
			if (history != null && clock != null) {
				DemoHistory.play(history, clock, dataDir, issuer,
						List.of(stack.port(0), stack.port(1), stack.port(2), stack.port(3)), stack.sms.baseUrl(),
						kafkaAdministrator(dataDir, stack.bootstrapServers));
			}
			if (demoData) {
				DemoReferrals.loadOnce(stack.mongoUri, issuer, stack.port(0));
			}
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/**
	 * The service on the demo clock, when there is one: it takes the platform's place.
	 */
	private static SpringApplicationBuilder onClock(SpringApplicationBuilder service, @Nullable DemoClock clock) {
		if (clock == null) {
			return service;
		}
		return service.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock));
	}

	/**
	 * The command-line arguments of one service, the same whether it runs in this JVM or
	 * in a process of its own.
	 * @param service 0 referral, 1 matching, 2 waitlist, 3 notification
	 * @param servicePorts the HTTP ports of the four services (those of services started
	 * before this one are known)
	 * @param authorizationPort the authorization server's port
	 * @param bootstrapServers the Kafka bootstrap servers
	 * @param mongoUri the MongoDB connection string
	 * @param dataDir the data directory
	 * @param demoData whether matching loads the demo directory
	 * @param smtpPort the SMTP server's port
	 * @param smsBaseUrl the SMS provider's base URL
	 * @return the arguments
	 */
	/**
	 * The inbound topics of the local stack's demo partner systems.
	 * @return {@code referrals.inbound.<partner>} for each
	 */
	public static List<String> demoInboundTopics() {
		return KafkaPrincipals.DEMO_PARTNERS.stream().map(Topics::inboundOf).toList();
	}

	/**
	 * How the local stack's broker administrator connects, from the data directory's
	 * credentials.
	 * @param dataDir the local stack's data directory
	 * @param bootstrapServers the broker
	 * @return bootstrap servers and login
	 */
	public static Map<String, Object> kafkaAdministrator(Path dataDir, String bootstrapServers) {
		return KafkaPrincipals.loadOrCreate(dataDir.toAbsolutePath())
			.clientSettings(bootstrapServers, KafkaPrincipals.ADMIN);
	}

	/**
	 * The member organizations of matching's network file, the local stack's demo ones.
	 */
	static List<String> demoOrganizations() {
		try (java.io.InputStream file = LocalStack.class.getClassLoader()
			.getResourceAsStream("matching/organizations.csv")) {
			if (file == null) {
				return List.of();
			}
			return new String(file.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.map(line -> line.split(",", 2)[0].strip())
				.toList();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * One instance of each service, on the embedded store: the safety-net scans that find
	 * what another instance saved or left behind (every 5 minutes by default) run once a
	 * day. No other instance saves anything here, a crash is recovered by the scans at
	 * start, and the embedded store answers each of these scans by reading a whole
	 * collection, every referral ever stored (a real MongoDB reads them through partial
	 * indexes: docs/performance.md, "Indexes on a real MongoDB").
	 */
	static final List<String> SINGLE_INSTANCE_ARGUMENTS = List.of("--aiguillage.outbox.scan-interval=PT24H",
			"--aiguillage.work.scan-interval=PT24H");

	/** The FHIR gateway's port when the services have theirs (8081 to 8084). */
	static final int FHIR_PORT = 8085;

	/**
	 * The FHIR gateway's command-line arguments, the same whether it runs in this JVM or
	 * in a process of its own: referral-service's, with its own port, Kafka login and
	 * referral-service's address.
	 */
	static List<String> fhirArguments(int fhirPort, List<Integer> servicePorts, int authorizationPort,
			String bootstrapServers, String mongoUri, Path dataDir, boolean demoData, int smtpPort, String smsBaseUrl) {
		List<String> fhir = new ArrayList<>(serviceArguments(0, servicePorts, authorizationPort, bootstrapServers,
				mongoUri, dataDir, demoData, smtpPort, smsBaseUrl));
		fhir.set(0, "--server.port=" + fhirPort);
		// Its own Kafka login, not referral-service's.
		fhir.replaceAll((argument) -> argument.startsWith("--spring.config.additional-location=")
				? "--spring.config.additional-location=optional:file:"
						+ KafkaPrincipals.settingsFile(dataDir, "fhir-gateway")
				: argument);
		fhir.add("--fhir.referral-service=http://localhost:" + servicePorts.get(0));
		fhir.add("--fhir.directory.matching-service=http://localhost:" + servicePorts.get(1));
		return fhir;
	}

	/** The services' Kafka principals, in service order. */
	static final List<String> SERVICE_PRINCIPALS = List.of("referral-service", "matching-service", "waitlist-service",
			"notification-service");

	static List<String> serviceArguments(int service, List<Integer> servicePorts, int authorizationPort,
			String bootstrapServers, String mongoUri, Path dataDir, boolean demoData, int smtpPort, String smsBaseUrl) {
		String issuer = "http://localhost:" + authorizationPort;
		String kafkaLogin = KafkaPrincipals.settingsFile(dataDir, SERVICE_PRINCIPALS.get(service)).toString();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + servicePorts.get(service),
				// The service's Kafka login, from a file so that no password is on a
				// command
				// line.
				"--spring.config.additional-location=optional:file:" + kafkaLogin,
				"--aiguillage.inbound.topics=" + String.join(",", demoInboundTopics()),
				// Intake knows the network's members from the start, not only once
				// matching's directory events have been read.
				"--referral.directory.organizations=" + String.join(",", demoOrganizations()),
				"--spring.cloud.stream.kafka.binder.brokers=" + bootstrapServers, "--spring.mongodb.uri=" + mongoUri,
				"--matching.demo-data=" + demoData, "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
				"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer + "/oauth2/jwks",
				"--referral.privacy.key-file=" + dataDir.resolve("referral").resolve("keys.json").toAbsolutePath(),
				"--notification.referral-service=http://localhost:" + servicePorts.get(0),
				"--notification.waitlist-service=http://localhost:" + servicePorts.get(2),
				"--notification.client.token-uri=" + issuer + "/oauth2/token",
				// The local stack's demo client secret (authorization-server-local.yml).
				"--notification.client.secret=notification-service-secret",
				"--notification.key-file=" + dataDir.resolve("notification").resolve("keys.json").toAbsolutePath(),
				"--notification.links.base-url=http://localhost:" + servicePorts.get(3),
				// Partners' endpoints on loopback (the fault suite's webhook stand-in),
				// under the local profile that notification-service demands for it.
				"--notification.webhooks.allow-http=true", "--notification.webhooks.allow-loopback=true",
				"--spring.profiles.active=local", "--spring.mail.host=localhost", "--spring.mail.port=" + smtpPort,
				"--notification.channels.sms.base-url=" + smsBaseUrl,
				// The local SMS stub's own token: a real provider's comes from the
				// deployment.
				"--notification.channels.sms.auth-token=local-sms-token"));
		// The caseload links each held place to the console's referral page; a console on
		// a port not chosen yet keeps matching's default, the README's 8083.
		if (servicePorts.get(2) != 0) {
			arguments.add("--matching.pages.console-url=http://localhost:" + servicePorts.get(2));
		}
		return arguments;
	}

	/**
	 * The services' own contexts, for the system's tests.
	 * @return referral, matching, waitlist, notification and the FHIR gateway
	 */
	List<ConfigurableApplicationContext> services() {
		return List.copyOf(this.services);
	}

	/**
	 * The HTTP port a service listens on.
	 * @param service 0 referral, 1 matching, 2 waitlist, 3 notification
	 * @return its port
	 */
	public int port(int service) {
		return ((WebServerApplicationContext) this.services.get(service)).getWebServer().getPort();
	}

	public int fhirPort() {
		return port(APPLICATIONS.size());
	}

	public int authorizationPort() {
		return ((WebServerApplicationContext) this.authorization).getWebServer().getPort();
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * How one of the stack's principals connects to its broker.
	 * @param principal {@code admin}, a service or a demo partner
	 * @return bootstrap servers and login
	 * @throws IllegalStateException when the stack did not start the broker
	 */
	public Map<String, Object> kafkaClientSettings(String principal) {
		if (this.kafka == null) {
			throw new IllegalStateException("This stack did not start the broker");
		}
		return this.kafka.clientSettings(principal);
	}

	public String mongoUri() {
		return this.mongoUri;
	}

	/**
	 * The queries no declared index would serve on a real MongoDB, since the start
	 * ({@code -Daiguillage.mongo.index-audit=true}; {@link IndexAudit}).
	 * @throws IllegalStateException when the stack did not start the embedded store or
	 * the audit is off
	 */
	Set<String> queriesNoIndexServes() {
		if (this.mongo == null || !this.mongo.backend().indexAudit().enabled()) {
			throw new IllegalStateException("Start the embedded store with -Daiguillage.mongo.index-audit=true");
		}
		return this.mongo.backend().indexAudit().unindexed();
	}

	@Override
	public void close() {
		for (int i = this.services.size() - 1; i >= 0; i--) {
			this.services.get(i).close();
		}
		if (this.authorization != null) {
			this.authorization.close();
		}
		if (this.smtp != null) {
			this.smtp.close();
		}
		if (this.sms != null) {
			this.sms.close();
		}
		if (this.mongo != null) {
			this.mongo.close();
		}
		if (this.kafka != null) {
			this.kafka.close();
		}
	}

	public static void main(String[] args) {
		if (List.of(args).contains("--check-invariants")) {
			InvariantCheck.main(new String[0]);
			return;
		}
		if (List.of(args).contains("--processes")) {
			startProcesses();
			return;
		}
		long started = System.nanoTime();
		Settings settings = Settings.defaults();
		LocalStack stack = start(
				List.of(args).contains("--no-demo-history") ? settings.withoutDemoHistory() : settings);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
		Duration upIn = Duration.ofNanos(System.nanoTime() - started);
		long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
		Map<String, Integer> ports = Map.of("referral-service", stack.port(0), "matching-service", stack.port(1),
				"waitlist-service", stack.port(2), "notification-service", stack.port(3));
		log.info("""

				Aiguillage local stack is up in {} s (heap in use {} MiB). Ctrl-C stops it; data stays in {}.
				  authorization server     http://localhost:{}  (demo accounts: docs/identity-and-access.md)
				  Kafka broker (KRaft)     {}
				  MongoDB (embedded)       {}
				  referral-service         http://localhost:{}/api/v1/referrals
				  matching-service         http://localhost:{}/api/v1/therapists
				  waitlist-service         http://localhost:{}/api/v1/queue
				  notification-service     http://localhost:{}/api/v1/deliveries?referralId=…
				  health and metrics       http://localhost:<port>/actuator/health, /actuator/prometheus
				""", String.format("%.1f", upIn.toMillis() / 1000.0), heapMb,
				Settings.defaults().dataDir().toAbsolutePath(), stack.authorizationPort(), stack.bootstrapServers(),
				stack.mongoUri(), ports.get("referral-service"), ports.get("matching-service"),
				ports.get("waitlist-service"), ports.get("notification-service"));
	}

	private static void startProcesses() {
		long started = System.nanoTime();
		Settings settings = Settings.defaults();
		refuseTakenPorts(settings);
		ProcessStack stack = ProcessStack.start(settings);
		DemoHistory.notPlayedInProcesses(settings.demoHistory(), settings.dataDir());
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "process-stack-shutdown"));
		StringBuilder parts = new StringBuilder();
		for (ProcessStack.Part part : ProcessStack.Part.values()) {
			parts
				.append(String.format("  %-14s pid %-8d port %d%n", part.logName(), stack.pid(part), stack.port(part)));
		}
		log.info("""

				Aiguillage local stack is up in {} s, one process per part (kill -9, kill -STOP / -CONT any pid;
				logs in {}/logs). Ctrl-C stops every part.
				{}""", String.format("%.1f", Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0),
				settings.dataDir().toAbsolutePath(), parts);
		try {
			Thread.currentThread().join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
