package ca.aiguillage.testing;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;

/**
 * Reads a value out of an answer's JSON body. A property the body does not hold (yet), or
 * a body that is not JSON, is an unmet expectation: it fails as an
 * {@link AssertionError}, which Awaitility's {@code untilAsserted} polls again, instead
 * of an exception that ends the wait at its first look at a state still on its way.
 */
final class JsonBody {

	private JsonBody() {
	}

	static <T> T read(String body, String path) {
		try {
			return JsonPath.read(body, path);
		}
		catch (JsonPathException ex) {
			throw new AssertionError("No " + path + " (" + ex.getMessage() + ") in:\n" + body, ex);
		}
	}

}
