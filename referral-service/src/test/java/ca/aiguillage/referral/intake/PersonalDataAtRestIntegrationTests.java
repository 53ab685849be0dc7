package ca.aiguillage.referral.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDate;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class PersonalDataAtRestIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	@Autowired
	Aggregates aggregates;

	@Autowired
	PersonalDataCipher cipher;

	@Value("${referral.privacy.key-file}")
	Path keyFile;

	@Test
	void storedReferralHoldsNoPersonalDataInClear() {
		String id = submit();

		Document document = this.mongo.findById(id, Document.class, "referrals");

		assertThat(document).isNotNull();
		// The phone as typed and as stored in E.164; a bare "555" could match a random
		// id.
		assertThat(document.toJson()).doesNotContain("Tremblay", "Marie", "example.org", "514 555", "5550142",
				"1991-04-12", "Anxiété", "H2M 1K5");
		assertThat(document.getString("personalData")).isNotBlank();
		assertThat(document.getString("nameAndBirthIndex")).isNotBlank();
		assertThat(document.getString("emailIndex")).isNotBlank();
		assertThat(document.getString("phoneIndex")).isNotBlank();
		assertThat(document.get("request", Document.class).getString("postalPrefix")).isEqualTo("H2M");
	}

	@Test
	void storedPersonalDataDecryptsOnDemand() {
		String id = submit();

		Referral.PersonalData personal = this.aggregates.find(Referral.class, id)
			.orElseThrow()
			.personalData(this.cipher);

		assertThat(personal.lastName()).startsWith("Tremblay-");
		assertThat(personal.dateOfBirth()).isEqualTo(LocalDate.of(1991, 4, 12));
		assertThat(personal.mobilePhone()).matches("\\+1514555\\d{4}");
		assertThat(personal.postalCode()).isEqualTo("H2M 1K5");
		assertThat(personal.reason()).startsWith("Anxiété");
	}

	@Test
	void samePersonReferredTwiceGetsTheSameIndexes() {
		String person = ExampleReferrals.someone();
		Document first = this.mongo.findById(submit(person), Document.class, "referrals");
		Document second = this.mongo.findById(submit(person), Document.class, "referrals");

		assertThat(second.getString("nameAndBirthIndex")).isEqualTo(first.getString("nameAndBirthIndex"));
		assertThat(second.getString("emailIndex")).isEqualTo(first.getString("emailIndex"));
		assertThat(second.getString("personalData")).isNotEqualTo(first.getString("personalData"));
	}

	@Test
	void encryptedReferralStillReadsBackOverHttp() {
		String id = submit();

		Http.Answer status = this.anonymous.withToken(this.tokens.partner("clsc-a")).get("/api/v1/referrals/" + id);

		assertThat(status.status()).isEqualTo(200);
		assertThat(status.<String>json("$.status")).isEqualTo("SUBMITTED");
	}

	@Test
	void keyFileIsCreatedReadableByItsOwnerOnly() throws Exception {
		submit();

		assertThat(this.keyFile).exists();
		assertThat(Files.getPosixFilePermissions(this.keyFile))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
	}

	private String submit() {
		return submit(ExampleReferrals.someone());
	}

	private String submit(String referral) {
		Http.Answer answer = this.anonymous.withToken(this.tokens.partner("clsc-a"))
			.postJson("/api/v1/referrals", referral);
		assertThat(answer.status()).isEqualTo(201);
		return answer.json("$.referralId");
	}

}
