package ca.aiguillage.localstack;

import java.util.List;

import ca.aiguillage.platform.outbox.Aggregate;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules that hold across every module, in one place: applied to the real classes by
 * {@link SystemArchitectureTests} and to deliberate violations by
 * {@link SystemRulesCatchViolationsTests}, so each is known to fail when broken.
 */
final class SystemRules {

	/**
	 * The only classes that may use a raw Kafka client, each for a reason: rebuilding the
	 * queue and listing dead letters read a topic from its start outside any consumer
	 * group (a group would commit offsets), counting the dead letters waiting keeps such
	 * a reader open, replaying a dead letter sends its record as it was, the test probe
	 * reads and writes the wire as a partner's system would, and the local stack's broker
	 * declares its topics' retention with an admin client. (The demo history waits for
	 * the services to catch up through the load generator's {@code ConsumerGroupLag},
	 * outside the system like the rest of the generator.)
	 */
	static final List<String> RAW_KAFKA_CLIENT_USERS = List.of("ca.aiguillage.waitlist.queue.QueueRebuild",
			"ca.aiguillage.platform.deadletters.DeadLetters", "ca.aiguillage.platform.deadletters.WaitingDeadLetters",
			"ca.aiguillage.testing.KafkaProbe", "ca.aiguillage.localstack.KafkaBroker");

	static final ArchRule rawKafkaClientsOnlyWhereAllowed = noClasses()
		.that(DescribedPredicate.not(oneOf(RAW_KAFKA_CLIENT_USERS)))
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.apache.kafka.clients..")
		.because(
				"consumers go through Spring Cloud Stream's groups, retries and dead letters, and the relay publishes");

	static final ArchRule aggregatesAreFreeOfFrameworkTypes = classes().that()
		.areAssignableTo(Aggregate.class)
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "ca.aiguillage..", "org.springframework.data.annotation..",
				"org.springframework.data.mongodb.core.mapping..", "org.jspecify..")
		.because(
				"behaviour lives on the aggregate, tested without a database; only mapping annotations may say how it is stored");

	static final ArchRule noRulePassesWhenItSelectsNothing = noClasses().should()
		.callMethodWhere(target(name("allowEmptyShould")))
		.because("a rule about a package that does not exist must fail, not pass");

	private SystemRules() {
	}

	/**
	 * No service uses another's classes: they only share events.
	 * @param root the package the services' packages are in
	 * @return the rule
	 */
	static ArchRule servicesAreIndependent(String root) {
		return slices().matching(root + ".(referral|matching|waitlist|notification)..")
			.should()
			.notDependOnEachOther()
			.because("services share events, never classes");
	}

	private static DescribedPredicate<JavaClass> oneOf(List<String> names) {
		return DescribedPredicate.describe("are one of " + names, javaClass -> names.stream()
			.anyMatch(name -> javaClass.getName().equals(name) || javaClass.getName().startsWith(name + "$")));
	}

}
