package ca.aiguillage.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.aiguillage.localstack.Instances.Holding;
import ca.aiguillage.localstack.Instances.Split;
import ca.aiguillage.localstack.ProcessStack.Instance;
import ca.aiguillage.localstack.ProcessStack.Part;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The instances command tells a group split between two instances from one that one
 * instance holds, and each process of the stack has its own name.
 */
class InstancesTests {

	private static final Map<String, Integer> THREE = Map.of("referral.events", 3, "waitlist.events", 3);

	@Test
	void aGroupWithEachTopicsPartitionsOnBothInstancesIsSplit() {
		Split split = new Split(
				List.of(held("referral.events", 0, 1), held("referral.events", 1, 1), held("referral.events", 2, 2),
						held("waitlist.events", 0, 2), held("waitlist.events", 1, 1), held("waitlist.events", 2, 2)),
				THREE, Set.of("matching-service"));
		assertThat(split.isSplit("matching-service")).isTrue();
		assertThat(split.heldOnlyBy("matching-service", 1)).isFalse();
		assertThat(split.markdown()).contains("| matching-service | referral.events | 3 | 0, 1 | 2 | yes |");
	}

	@Test
	void aGroupWithOneTopicOnOneInstanceIsNotSplit() {
		Split split = new Split(
				List.of(held("referral.events", 0, 1), held("referral.events", 1, 1), held("referral.events", 2, 2),
						held("waitlist.events", 0, 1), held("waitlist.events", 1, 1), held("waitlist.events", 2, 1)),
				THREE, Set.of("matching-service"));
		assertThat(split.isSplit("matching-service")).isFalse();
		assertThat(split.markdown()).contains("| matching-service | waitlist.events | 3 | 0, 1, 2 | — | no |");
	}

	@Test
	void aGroupWhoseFirstInstanceHoldsEveryPartitionIsHeldByItAlone() {
		List<Holding> holdings = new ArrayList<>();
		for (int partition = 0; partition < 3; partition++) {
			holdings.add(held("referral.events", partition, 1));
			holdings.add(held("waitlist.events", partition, 1));
		}
		Split split = new Split(holdings, THREE, Set.of("matching-service"));
		assertThat(split.heldOnlyBy("matching-service", 1)).isTrue();
		assertThat(split.heldOnlyBy("matching-service", 2)).isFalse();
	}

	@Test
	void aGroupThatIsRebalancingOrMissesAPartitionIsNeitherSplitNorHeld() {
		List<Holding> holdings = List.of(held("referral.events", 0, 1), held("referral.events", 1, 2));
		Map<String, Integer> partitions = Map.of("referral.events", 3);
		assertThat(new Split(holdings, partitions, Set.of("matching-service")).isSplit("matching-service")).isFalse();
		List<Holding> whole = new ArrayList<>(holdings);
		whole.add(held("referral.events", 2, 2));
		assertThat(new Split(whole, partitions, Set.of("matching-service")).isSplit("matching-service")).isTrue();
		assertThat(new Split(whole, partitions, Set.of()).isSplit("matching-service")).isFalse();
		assertThat(new Split(List.of(), partitions, Set.of("matching-service")).isSplit("matching-service")).isFalse();
	}

	@Test
	void aSecondInstanceOfAServiceLogsUnderItsOwnName() {
		assertThat(Instance.first(Part.MATCHING).logName()).isEqualTo("matching");
		assertThat(new Instance(Part.MATCHING, 2).logName()).isEqualTo("matching-2");
	}

	@Test
	void onlyServicesHaveASecondInstance() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Instance(Part.KAFKA, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new Instance(Part.FHIR, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new Instance(Part.REFERRAL, 0));
	}

	private static Holding held(String topic, int partition, int instance) {
		return new Holding("matching-service", topic, partition, instance);
	}

}
