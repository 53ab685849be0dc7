package ca.aiguillage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (4.11.0, bundled under {@code axe/}) run in the page a browser test shows: the
 * WCAG 2.1 A and AA violations it finds whose impact is serious or critical.
 */
public final class Axe {

	private static final String SOURCE = load();

	/** axe's run on the whole document, its serious and critical violations in words. */
	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
			  .then(result => done(result.violations
			    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
			    .map(violation => violation.id + ' (' + violation.impact + '): ' + violation.help + ' at '
			      + violation.nodes.map(node => node.target.join(' ')).join(', '))))
			  .catch(failure => done(['axe did not run: ' + failure]));""";

	private Axe() {
	}

	/**
	 * Loads axe-core into the page the browser shows and runs it.
	 * @param browser the browser, on the page to check
	 * @return one line per serious or critical violation, empty when there is none
	 */
	@SuppressWarnings("unchecked")
	public static List<String> seriousViolations(WebDriver browser) {
		JavascriptExecutor page = (JavascriptExecutor) browser;
		page.executeScript(SOURCE);
		return (List<String>) Objects.requireNonNull(page.executeAsyncScript(RUN));
	}

	private static String load() {
		try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
			return new String(Objects.requireNonNull(in, "axe/axe.min.js").readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
