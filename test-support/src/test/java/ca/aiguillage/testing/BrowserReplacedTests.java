package ca.aiguillage.testing;

import java.lang.reflect.Proxy;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When a form's element counts as replaced by the page that answered. A clean-clone run
 * failed on "Node with given id does not belong to the document", which Chromium answered
 * for a button its page had just replaced, where Selenium's staleness check only knows a
 * stale element.
 */
class BrowserReplacedTests {

	@Test
	void anElementStillThereIsNotReplaced() {
		assertThat(Browser.left(answering(null))).isFalse();
	}

	@Test
	void aStaleElementWasReplaced() {
		assertThat(Browser.left(answering(new StaleElementReferenceException("stale element reference")))).isTrue();
	}

	@Test
	void aNodeChromiumSaysLeftTheDocumentWasReplaced() {
		assertThat(Browser.left(answering(new WebDriverException(
				"unknown error: unhandled inspector error: {\"code\":-32000,\"message\":\"Node with given id does not belong to the document\"}"))))
			.isTrue();
	}

	@Test
	void anyOtherErrorOfTheBrowserIsNotTakenForAnAnswer() {
		assertThatExceptionOfType(WebDriverException.class)
			.isThrownBy(() -> Browser.left(answering(new WebDriverException("chrome not reachable"))));
	}

	/** An element whose every call answers as given: normally, or with the error. */
	private static WebElement answering(@Nullable WebDriverException error) {
		return (WebElement) Proxy.newProxyInstance(WebElement.class.getClassLoader(),
				new Class<?>[] { WebElement.class }, (proxy, method, arguments) -> {
					if (error != null) {
						throw error;
					}
					return (method.getReturnType() == boolean.class) ? Boolean.TRUE : null;
				});
	}

}
