package ca.aiguillage.referral.privacy;

import java.nio.file.Path;

import ca.aiguillage.platform.privacy.PrivacyAutoConfiguration;
import ca.aiguillage.platform.privacy.PrivacySettings;
import ca.aiguillage.referral.intake.ExampleReferrals;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class KeyRotationIntegrationTests extends RunningService {

	private static final String ROTATION = "/api/v1/admin/privacy/key-rotation";

	@Autowired
	MongoOperations mongo;

	@Autowired
	PrivacySettings settings;

	@TempDir
	Path elsewhere;

	@Test
	void administratorRotatesTheKeyAndTheJobSealsEveryStoredReferralAgain() {
		String before = submit();
		String earlierKey = keyIdOf(before);

		Http.Answer rotated = this.http.postJson(ROTATION, "");

		assertThat(rotated.status()).isEqualTo(200);
		String newKey = rotated.json("$.activeKeyId");
		assertThat(newKey).isNotEqualTo(earlierKey);
		assertThat(rotated.<Integer>json("$.reEncrypted")).isPositive();
		assertThat(keyIdOf(before)).isEqualTo(newKey);
		assertThat(keyIdOf(submit())).isEqualTo(newKey);
		Http.Answer contact = this.anonymous.withToken(this.tokens.service("notification-service"))
			.get("/api/v1/referrals/" + before + "/contact");
		assertThat(contact.<String>json("$.firstName")).isEqualTo("Marie-Ève");
		assertThat(this.http.postJson("/api/v1/admin/privacy/re-encryption", "").<Integer>json("$.reEncrypted"))
			.isZero();
	}

	@Test
	void onlyAnAdministratorRotatesKeys() {
		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-keys")).postJson(ROTATION, "").status())
			.isEqualTo(403);
		assertThat(this.anonymous.withToken(this.tokens.coordinator("org-keys")).postJson(ROTATION, "").status())
			.isEqualTo(403);
		assertThat(this.anonymous.postJson(ROTATION, "").status()).isEqualTo(401);
	}

	@Test
	void aStartWithoutTheKeyFilesWhileReferralsAreStoredStopsWithAClearMessage() {
		submit();
		PrivacySettings lostVolume = new PrivacySettings(this.elsewhere.resolve("keys.json"),
				this.elsewhere.resolve("blind-index-key.json"), this.settings.sealedFields());

		assertThatIllegalStateException()
			.isThrownBy(() -> PrivacyAutoConfiguration.checkKeyFiles(lostVolume, this.mongo))
			.withMessageContaining(this.elsewhere.resolve("keys.json").toAbsolutePath().toString())
			.withMessageContaining("is missing while personal data is stored");
		assertThat(this.elsewhere.resolve("keys.json")).doesNotExist();
	}

	private String submit() {
		return this.anonymous.withToken(this.tokens.partner("clsc-keys"))
			.postJson("/api/v1/referrals", ExampleReferrals.someone())
			.json("$.referralId");
	}

	private String keyIdOf(String referralId) {
		Document stored = this.mongo.getCollection("referrals").find(new Document("_id", referralId)).first();
		String sealed = stored.getString("personalData");
		return sealed.substring(0, sealed.indexOf(':'));
	}

}
