package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.aiguillage.localstack.ProcessStack.Part;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults on the local stack with each part in its own process: a part killed, paused or
 * restarted while referrals are in flight. After each fault every acknowledged referral
 * must reach exactly one first decision in the queue: nothing lost, nothing doubled. Each
 * fault appends its line to {@code target/fault-report.md}.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessStackFaultTests {

	private static final int PER_WAVE = 10;

	@TempDir
	static Path data;

	private static ProcessStack stack;

	private static final Map<String, String> report = new LinkedHashMap<>();

	private static int people;

	@BeforeAll
	static void startEveryPartInItsOwnProcess() {
		stack = ProcessStack.start(new LocalStack.Settings(data, 0, 0, 0, 0, List.of(0, 0, 0, 0), true));
	}

	@AfterAll
	static void stopAndWriteTheReport() throws IOException {
		if (stack != null) {
			stack.close();
		}
		StringBuilder table = new StringBuilder(
				"| fault | referrals | accepted | lost | duplicated | recovery |\n| --- | --- | --- | --- | --- | --- |\n");
		report.values().forEach((line) -> table.append(line).append('\n'));
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "fault-report.md"), table);
		System.out.print(table);
	}

	@Test
	@Order(1)
	void matchingKilledMidFlowAndRestartedLosesAndDoublesNothing() {
		List<String> accepted = new ArrayList<>(postWave());
		stack.kill(Part.MATCHING);
		accepted.addAll(postWave());
		long restarted = System.nanoTime();
		stack.restart(Part.MATCHING);
		accepted.addAll(postWave());
		everyReferralHasExactlyOneFirstDecision("kill -9 matching-service, restart", accepted, restarted);
	}

	@Test
	@Order(2)
	void waitlistPausedLongerThanAPollThenResumedLosesAndDoublesNothing() {
		List<String> accepted = new ArrayList<>(postWave());
		stack.pause(Part.WAITLIST);
		accepted.addAll(postWave());
		// Paused past its broker session (45 s): the broker drops it from its groups.
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> waitlistGroupsHaveNoMember());
		long resumed = System.nanoTime();
		stack.resume(Part.WAITLIST);
		accepted.addAll(postWave());
		everyReferralHasExactlyOneFirstDecision("SIGSTOP waitlist-service past its broker session, SIGCONT", accepted,
				resumed);
	}

	@Test
	@Order(3)
	void referralServiceKilledRightAfterAcknowledgingKeepsEveryAcknowledgedReferral() {
		List<String> accepted = new ArrayList<>(postWave());
		stack.kill(Part.REFERRAL);
		long restarted = System.nanoTime();
		stack.restart(Part.REFERRAL);
		accepted.addAll(postWave());
		everyReferralHasExactlyOneFirstDecision("kill -9 referral-service right after 201s, restart", accepted,
				restarted);
		Http referral = Http.localhost(stack.port(Part.REFERRAL)).withToken(partnerToken());
		for (String id : accepted) {
			assertThat(referral.get("/api/v1/referrals/" + id).status()).as(id).isEqualTo(200);
		}
	}

	private static List<String> postWave() {
		Http referral = Http.localhost(stack.port(Part.REFERRAL)).withToken(partnerToken());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < PER_WAVE; i++) {
			Http.Answer posted = referral.postJson("/api/v1/referrals", anotherPerson());
			assertThat(posted.status()).as(posted.body()).isEqualTo(201);
			ids.add(posted.json("$.referralId"));
		}
		return ids;
	}

	private static void everyReferralHasExactlyOneFirstDecision(String fault, List<String> accepted, long since) {
		Map<String, Integer> entries = new LinkedHashMap<>();
		await().atMost(ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Http waitlist = Http.localhost(stack.port(Part.WAITLIST)).withToken(adminToken());
			for (String id : accepted) {
				Http.Answer queued = waitlist.get("/api/v1/queue?referralId=" + id);
				List<String> statuses = (queued.status() == 200) ? queued.json("$.items[*].status") : List.of();
				entries.put(id, statuses.size());
				assertThat(statuses).as(id).hasSize(1);
				assertThat(statuses.get(0)).as(id).isIn("PROPOSED", "WAITING");
			}
		});
		long lost = entries.values().stream().filter((count) -> count == 0).count();
		long duplicated = entries.values().stream().filter((count) -> count > 1).count();
		report.put(fault, String.format("| %s | %d | %d | %d | %d | %.1f s |", fault, accepted.size(), accepted.size(),
				lost, duplicated, (System.nanoTime() - since) / 1e9));
	}

	private static String anotherPerson() {
		int n = ++people;
		return Fixtures.repositoryFile("examples/referral.json")
			.replace("CLSC-AHU-2026-0142", "FAULT-" + n)
			.replace("Marie-Ève", "Personne" + letters(n))
			.replace("Tremblay", "Essai" + letters(n))
			.replace("marie-eve.tremblay@example.org", "personne" + n + "@example.org")
			.replace("+1 514 555 0142", String.format("+1 514 555 %04d", 1000 + n));
	}

	// Names are letters only: n in base 26.
	private static String letters(int n) {
		StringBuilder name = new StringBuilder();
		for (int rest = n; rest > 0; rest /= 26) {
			name.append((char) ('a' + rest % 26));
		}
		return name.toString();
	}

	private static boolean waitlistGroupsHaveNoMember() throws Exception {
		try (Admin admin = Admin.create(stack.kafkaClientSettings(KafkaPrincipals.ADMIN))) {
			List<String> groups = admin.listGroups()
				.all()
				.get()
				.stream()
				.map(GroupListing::groupId)
				.filter((group) -> group.startsWith("waitlist"))
				.toList();
			return !groups.isEmpty() && admin.describeConsumerGroups(groups)
				.all()
				.get()
				.values()
				.stream()
				.allMatch((group) -> group.members().isEmpty());
		}
	}

	private static String partnerToken() {
		return ConsoleSignIn.systemToken(stack.port(Part.AUTHORIZATION), "demo-partner", "demo-partner-secret");
	}

	private static String adminToken() {
		return ConsoleSignIn.accessToken(stack.port(Part.AUTHORIZATION), "admin", "admin-demo");
	}

}
