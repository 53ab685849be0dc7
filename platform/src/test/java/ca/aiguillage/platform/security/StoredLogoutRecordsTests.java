package ca.aiguillage.platform.security;

import java.time.Instant;
import java.util.UUID;

import ca.aiguillage.testing.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logout records in the embedded wire-protocol MongoDB, as two instances of a service
 * share them: each through its own client.
 */
class StoredLogoutRecordsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T13:05:00Z");

	private final String database = "logout-records-" + UUID.randomUUID();

	private final MongoClient first = MongoClients.create(EmbeddedMongoServer.uri());

	private final MongoClient second = MongoClients.create(EmbeddedMongoServer.uri());

	private final StoredLogoutRecords one = new StoredLogoutRecords(new MongoTemplate(this.first, this.database));

	private final StoredLogoutRecords other = new StoredLogoutRecords(new MongoTemplate(this.second, this.database));

	@AfterEach
	void closeTheClients() {
		this.first.close();
		this.second.close();
	}

	@Test
	void whatOneInstanceRemembersTheOtherRecalls() {
		this.one.remember("sub:a", NOW, NOW.plusSeconds(3600));

		assertThat(this.other.recall("sub:a", NOW.plusSeconds(60))).isEqualTo(NOW);
		assertThat(this.other.recall("sub:b", NOW.plusSeconds(60))).isNull();
	}

	@Test
	void theLaterOfTwoInstantsIsKept() {
		this.one.remember("sub:a", NOW, NOW.plusSeconds(3600));
		this.other.remember("sub:a", NOW.minusSeconds(30), NOW.plusSeconds(3570));

		assertThat(this.one.recall("sub:a", NOW)).isEqualTo(NOW);
	}

	@Test
	void anExpiredRecordIsIgnoredWhenRead() {
		this.one.remember("sid:a", NOW, NOW.plusSeconds(60));

		assertThat(this.other.recall("sid:a", NOW.plusSeconds(59))).isEqualTo(NOW);
		assertThat(this.other.recall("sid:a", NOW.plusSeconds(60))).isNull();
	}

	@Test
	void aKeyIsRecordedOnceAcrossInstances() {
		assertThat(this.one.recordOnce("jti:a", NOW.plusSeconds(180))).isTrue();

		assertThat(this.other.recordOnce("jti:a", NOW.plusSeconds(180))).isFalse();
		assertThat(this.one.recordOnce("jti:a", NOW.plusSeconds(180))).isFalse();
		assertThat(this.other.recordOnce("jti:b", NOW.plusSeconds(180))).isTrue();
	}

	@Test
	void recordsExpireThroughATtlIndexOnARealMongoDb() {
		this.one.recordOnce("jti:a", NOW.plusSeconds(180));

		assertThat(new MongoTemplate(this.first, this.database).indexOps(StoredLogoutRecords.COLLECTION).getIndexInfo())
			.anySatisfy(index -> {
				assertThat(index.getName()).isEqualTo("expiry");
				assertThat(index.getExpireAfter()).hasValueSatisfying(after -> assertThat(after).isZero());
			});
	}

}
