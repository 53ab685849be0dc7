package ca.aiguillage.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class EventContractTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	static Stream<EventDefinition<?>> definitions() {
		return EventCatalog.all().stream();
	}

	@ParameterizedTest
	@MethodSource("definitions")
	void fixtureReadsIntoItsRecordAndTheRecordMatchesTheSchema(EventDefinition<?> definition) {
		JsonNode fixture = fixture(definition);
		Object record = JSON.treeToValue(fixture, definition.dataClass());

		JsonNode written = JSON.valueToTree(record);

		assertThat(errors(definition, written)).isEmpty();
		assertThat(JSON.treeToValue(written, definition.dataClass())).isEqualTo(record);
	}

	@ParameterizedTest
	@MethodSource("definitions")
	void fixtureWithAnUnknownExtraFieldStillReads(EventDefinition<?> definition) {
		ObjectNode fixture = (ObjectNode) fixture(definition);
		Object expected = JSON.treeToValue(fixture, definition.dataClass());
		fixture.put("addedInALaterMinorVersion", "ignored");

		assertThat(JSON.treeToValue(fixture, definition.dataClass())).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("definitions")
	void payloadMissingARequiredFieldIsRefusedByTheSchema(EventDefinition<?> definition) {
		ObjectNode fixture = (ObjectNode) fixture(definition);
		String required = schema(definition).getSchemaNode().get("required").get(0).asString();
		fixture.remove(required);

		assertThat(errors(definition, fixture)).extracting(Error::getMessage)
			.anySatisfy(message -> assertThat(message).contains(required));
	}

	@ParameterizedTest
	@MethodSource("definitions")
	void payloadWithAWrongTypeIsRefusedByTheSchema(EventDefinition<?> definition) {
		ObjectNode fixture = (ObjectNode) fixture(definition);
		String required = schema(definition).getSchemaNode().get("required").get(0).asString();
		fixture.putArray(required).add(42);

		assertThat(errors(definition, fixture)).isNotEmpty();
	}

	@Test
	void everyTypeIsVersionedAndUnique() {
		List<String> types = EventCatalog.all().stream().map(EventDefinition::type).toList();

		assertThat(types).doesNotHaveDuplicates()
			.allMatch(type -> type.matches("ca\\.aiguillage\\.[a-z-]+\\.[a-z-]+\\.v\\d+"));
	}

	@Test
	void everyTypeTravelsOnADeclaredTopic() throws IllegalAccessException {
		List<Object> topics = Arrays.stream(Topics.class.getDeclaredFields())
			.filter(field -> Modifier.isStatic(field.getModifiers()))
			.map(EventContractTests::value)
			.toList();

		assertThat(EventCatalog.all()).allSatisfy(definition -> assertThat(topics).contains(definition.topic()));
	}

	@Test
	void eventsOnOurOwnTopicsCarryNoPersonalData() {
		List<String> forbidden = List.of("name", "firstname", "lastname", "email", "phone", "mobilephone",
				"dateofbirth", "postalcode", "reason", "address");

		EventCatalog.all()
			.stream()
			.filter(definition -> !definition.topic().equals(Topics.REFERRALS_INBOUND))
			.forEach(definition -> assertThat(fieldNames(fixture(definition))).as(definition.type())
				.noneMatch(name -> forbidden.contains(name.toLowerCase())));
	}

	@Test
	void unknownTypeIsNotPartOfTheContract() {
		assertThat(EventCatalog.byType("ca.aiguillage.referral.invented.v9")).isEmpty();
		assertThat(EventCatalog.byType(EventCatalog.REFERRAL_SUBMITTED_V1.type()))
			.contains(EventCatalog.REFERRAL_SUBMITTED_V1);
	}

	private static Object value(Field field) {
		try {
			return field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> fieldNames(JsonNode node) {
		if (node.isArray()) {
			return node.valueStream().flatMap(child -> fieldNames(child).stream()).toList();
		}
		if (!node.isObject()) {
			return List.of();
		}
		return node.propertyStream()
			.flatMap(entry -> Stream.concat(Stream.of(entry.getKey()), fieldNames(entry.getValue()).stream()))
			.toList();
	}

	private static List<Error> errors(EventDefinition<?> definition, JsonNode payload) {
		return schema(definition).validate(payload);
	}

	private static Schema schema(EventDefinition<?> definition) {
		return SCHEMAS.getSchema(resource(definition.schemaResource()));
	}

	private static JsonNode fixture(EventDefinition<?> definition) {
		try (InputStream in = resource("fixtures/" + definition.type() + ".json")) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource(String name) {
		InputStream in = EventContractTests.class.getClassLoader().getResourceAsStream(name);
		assertThat(in).as(name).isNotNull();
		return in;
	}

}
