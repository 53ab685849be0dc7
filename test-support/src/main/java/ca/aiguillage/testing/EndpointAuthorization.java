package ca.aiguillage.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ca.aiguillage.testing.AuthorizationMatrix.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of a service's authorization tests: the subclass declares its matrix as a
 * static {@code matrix()} method returning a {@code Stream<Row>}; every row is called
 * with a real token and every endpoint of the service must have rows.
 */
public abstract class EndpointAuthorization extends RunningService {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mapping;

	/**
	 * Fixture ids to put in place of placeholders in the rows' paths, once the fixtures
	 * exist.
	 * @return placeholder to id
	 */
	protected Map<String, String> placeholders() {
		return Map.of();
	}

	@ParameterizedTest
	@MethodSource("matrix")
	void callerGetsTheExpectedStatus(Row row) {
		Row called = withPlaceholders(row);

		Http.Answer answer = AuthorizationMatrix.call(this.anonymous, this.tokens, called);

		assertThat(answer.status()).as(called + ": " + answer.body()).isEqualTo(row.expected());
	}

	@TestFactory
	Stream<DynamicTest> tokenWithoutItsTenantClaimGetsNoMoreThanNoToken() {
		List<Row> cells = AuthorizationMatrix.withoutTenantClaims(rows());
		assertThat(cells).isNotEmpty();
		return cells.stream().map((row) -> DynamicTest.dynamicTest(row.toString(), () -> {
			Row called = withPlaceholders(row);
			Http.Answer answer = AuthorizationMatrix.call(this.anonymous, this.tokens, called);
			// An API refuses the token itself; a page that reads no bearer token treats
			// it as no token.
			assertThat(answer.status()).as(called + ": " + answer.body()).isIn(401, row.expected());
			if (answer.status() == 401) {
				assertThat(answer.header("Content-Type")).as(called.toString()).startsWith("application/problem+json");
				assertThat(answer.<String>json("$.title")).isEqualTo("Authentification requise");
			}
		}));
	}

	/**
	 * The kinds of callers every endpoint of the service needs a row for.
	 * @return by default anonymous, partner, coordinator and admin
	 */
	protected List<String> callersOfEveryEndpoint() {
		return List.of("anonymous", "partner", "coordinator", "admin");
	}

	@Test
	void everyEndpointHasRowsInTheMatrix() {
		AuthorizationMatrix.assertEveryEndpointHasARow(this.mapping, rows(), callersOfEveryEndpoint());
	}

	private Row withPlaceholders(Row row) {
		Row called = row;
		for (Map.Entry<String, String> placeholder : placeholders().entrySet()) {
			called = called.with(placeholder.getKey(), placeholder.getValue());
		}
		return called;
	}

	@SuppressWarnings("unchecked")
	private List<Row> rows() {
		try {
			Method matrix = getClass().getDeclaredMethod("matrix");
			matrix.setAccessible(true);
			return ((Stream<Row>) matrix.invoke(null)).toList();
		}
		catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(getClass() + " must declare static Stream<Row> matrix()", ex);
		}
	}

}
