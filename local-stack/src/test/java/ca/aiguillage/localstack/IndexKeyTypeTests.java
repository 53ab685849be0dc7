package ca.aiguillage.localstack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexKeyTypeTests {

	@Test
	void ordersIndexKeysExactlyAsH2sOwnKeyTypeDoes() {
		List<Object> keys = keys();
		ObjectDataType h2 = new ObjectDataType();
		IndexKeyType ours = new IndexKeyType();

		for (Object a : keys) {
			for (Object b : keys) {
				assertThat(Integer.signum(ours.compare(a, b))).as("%s against %s", a, b)
					.isEqualTo(Integer.signum(h2.compare(a, b)));
			}
		}
	}

	@Test
	void aKeyIsSerializedOnceWhileItLivesHoweverOftenItIsCompared() {
		IndexKeyType type = new IndexKeyType();
		KeyValue looked = new KeyValue("referral-500");
		List<KeyValue> stored = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			stored.add(new KeyValue("referral-" + i));
		}

		for (int pass = 0; pass < 3; pass++) {
			stored.forEach((key) -> type.compare(looked, key));
		}

		assertThat(type.serializations()).isEqualTo(101);
	}

	private static List<Object> keys() {
		List<Object> keys = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			keys.add(new KeyValue("referral-" + i));
			keys.add(new KeyValue(UUID.nameUUIDFromBytes(("person-" + i).getBytes()).toString()));
			keys.add(new KeyValue(i * 37 - 400));
			keys.add(new KeyValue((long) i << 33));
			keys.add(new KeyValue(i / 7.0));
			keys.add(new KeyValue("partner-" + (i % 3), "REF-" + i));
			keys.add(new KeyValue(Instant.ofEpochSecond(1_700_000_000L + i * 86_400L)));
		}
		keys.add(new KeyValue((Object) null));
		keys.add(new KeyValue(true));
		keys.add(new KeyValue(""));
		keys.add(new KeyValue("é à ç"));
		return keys;
	}

}
