package ca.aiguillage.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class CloudEventMessagesTests {

	private static final List<EventDefinition<?>> ACCEPTED = List
		.of(EventCatalog.byType(ReprioritisedV1.TYPE).orElseThrow());

	private static final String VALID = "{\"referralId\":\"ref-1\",\"priority\":\"B\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}";

	private final CloudEventMessages messages = new CloudEventMessages(new EventJson(), new EventSchemas(), "tests");

	@Test
	void readsBinaryModeAttributesFromKafkaByteHeaders() {
		Message<byte[]> message = message(VALID, bytes(headers("ce_", "event-1", ReprioritisedV1.TYPE)));

		ReceivedEvent event = this.messages.read(message, ACCEPTED).orElseThrow();

		assertThat(event.id()).isEqualTo("event-1");
		assertThat(event.type()).isEqualTo(ReprioritisedV1.TYPE);
		assertThat(event.source()).isEqualTo("/partner");
		assertThat(event.subject()).isEqualTo("ref-1");
		assertThat(event.time()).isEqualTo(OffsetDateTime.parse("2026-11-21T09:00:00Z"));
		assertThat(event.data()).isEqualTo(
				new ReprioritisedV1("ref-1", Priority.B, OffsetDateTime.parse("2026-11-21T09:00:00Z").toInstant()));
	}

	@Test
	void readsCanonicalHyphenatedAttributesAsSpringHandsThemOver() {
		Message<byte[]> message = message(VALID, headers("ce-", "event-2", ReprioritisedV1.TYPE));

		assertThat(this.messages.read(message, ACCEPTED)).map(ReceivedEvent::id).contains("event-2");
	}

	@Test
	void aTypeThisConsumerDoesNotReactToIsSkippedNotRefused() {
		Message<byte[]> message = message(VALID, headers("ce_", "event-3", "ca.aiguillage.future.v1"));

		assertThat(this.messages.read(message, ACCEPTED)).isEqualTo(Optional.empty());
	}

	@Test
	void aMissingAttributeIsMalformed() {
		Map<String, Object> headers = headers("ce_", "event-4", ReprioritisedV1.TYPE);
		headers.remove("ce_id");

		assertThatExceptionOfType(MalformedEventException.class)
			.isThrownBy(() -> this.messages.read(message(VALID, headers), ACCEPTED))
			.withMessageContaining("ce_id");
	}

	@Test
	void schemaViolationsNameFieldsAndRulesButNeverValues() {
		String broken = "{\"referralId\":\"Marie Tremblay\",\"priority\":\"Z\"}";

		assertThatExceptionOfType(MalformedEventException.class).isThrownBy(
				() -> this.messages.read(message(broken, headers("ce_", "event-5", ReprioritisedV1.TYPE)), ACCEPTED))
			.satisfies(ex -> {
				assertThat(ex.schemaViolations()).extracting(SchemaViolation::field)
					.contains("referralId", "priority", "reprioritisedAt");
				assertThat(ex.schemaViolations()).extracting(SchemaViolation::keyword)
					.contains("pattern", "enum", "required");
				assertThat(ex.getMessage()).contains("/referralId pattern")
					.doesNotContain("Marie")
					.doesNotContain("\"Z\"");
			});
	}

	@Test
	void headerValuesCannotForgeLogLines(CapturedOutput output) {
		String forgedId = "event-6\nINFO  Referral ref-9 withdrawn by ADMINISTRATOR";
		String forgedType = "ca.aiguillage.unknown.v1\r\nWARN forged";

		this.messages.read(message(VALID, headers("ce_", forgedId, forgedType)), ACCEPTED);

		assertThat(output).contains("event-6").contains("ca.aiguillage.unknown.v1");
		assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("INFO  Referral ref-9"))
			.noneMatch(line -> line.startsWith("WARN forged"));
	}

	@Test
	void anUnsupportedSpecVersionIsNamedWithoutItsRawValue() {
		Map<String, Object> headers = headers("ce_", "event-7", ReprioritisedV1.TYPE);
		headers.put("ce_specversion", "0.3\nforged line");

		assertThatExceptionOfType(MalformedEventException.class)
			.isThrownBy(() -> this.messages.read(message(VALID, headers), ACCEPTED))
			.withMessageNotContaining("\n");
	}

	private static Map<String, Object> headers(String prefix, String id, String type) {
		Map<String, Object> headers = new java.util.HashMap<>();
		headers.put(prefix + "specversion", "1.0");
		headers.put(prefix + "id", id);
		headers.put(prefix + "type", type);
		headers.put(prefix + "source", "/partner");
		headers.put(prefix + "subject", "ref-1");
		headers.put(prefix + "time", "2026-11-21T09:00:00Z");
		return headers;
	}

	private static Map<String, Object> bytes(Map<String, Object> headers) {
		Map<String, Object> bytes = new java.util.HashMap<>();
		headers.forEach((name, value) -> bytes.put(name, value.toString().getBytes(StandardCharsets.UTF_8)));
		return bytes;
	}

	private static Message<byte[]> message(String json, Map<String, Object> headers) {
		return MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8)).copyHeaders(headers).build();
	}

}
