package ca.aiguillage.platform.web.errors;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPagesTests {

	private final ErrorPages pages = new ErrorPages();

	@Test
	void unknownConsolePageSaysSoInFrenchAndLeadsBackToTheConsoleWithoutCrisisNumbers() {
		ErrorPages.ErrorPage page = this.pages.page(HttpStatus.NOT_FOUND, "/console/referrals/x", Locale.FRENCH);

		assertThat(page.title()).isEqualTo("Page introuvable");
		assertThat(page.language()).isEqualTo("fr");
		assertThat(page.back()).isEqualTo("/console?lang=fr");
		assertThat(page.backText()).isEqualTo("Retour à l'accueil de la console");
		assertThat(page.code()).isEqualTo("Code d'erreur : 404");
		assertThat(page.crisis()).isFalse();
	}

	@Test
	void publicPageErrorShowsTheCrisisNumbersAndLeadsHome() {
		ErrorPages.ErrorPage page = this.pages.page(HttpStatus.BAD_REQUEST, "/self-referral", Locale.FRENCH);

		assertThat(page.title()).isEqualTo("Demande incomprise");
		assertThat(page.back()).isEqualTo("/?lang=fr");
		assertThat(page.crisis()).isTrue();
		assertThat(page.crisisTitle()).isEqualTo("En détresse ou en danger?");
	}

	@Test
	void wayBackLeadsToTheStartOfThePagesThePersonWasIn() {
		assertThat(ErrorPages.home("/self-referral/step-2")).isEqualTo("/self-referral");
		assertThat(ErrorPages.home("/console/referrals/x")).isEqualTo("/console");
		assertThat(ErrorPages.home("/nowhere")).isEqualTo("/");
		assertThat(ErrorPages.home("/")).isEqualTo("/");
		assertThat(this.pages.page(HttpStatus.NOT_FOUND, "/partner/referrals/9", Locale.FRENCH).crisis()).isFalse();
	}

	@Test
	void everyStatusHasItsWordsInFrenchAndEnglish() {
		for (HttpStatus status : new HttpStatus[] { HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND,
				HttpStatus.INTERNAL_SERVER_ERROR, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.SERVICE_UNAVAILABLE }) {
			ErrorPages.ErrorPage french = this.pages.page(status, "/console", Locale.FRENCH);
			ErrorPages.ErrorPage english = this.pages.page(status, "/console", Locale.ENGLISH);
			assertThat(french.title()).as(status.toString()).isNotBlank().isNotEqualTo(english.title());
			assertThat(french.text()).as(status.toString()).isNotBlank().isNotEqualTo(english.text());
		}
		assertThat(this.pages.page(HttpStatus.FORBIDDEN, "/console", Locale.ENGLISH).title())
			.isEqualTo("Access denied");
		assertThat(this.pages.page(HttpStatus.INTERNAL_SERVER_ERROR, "/console", Locale.FRENCH).title())
			.isEqualTo("Le service a un problème");
	}

	@Test
	void englishIsChosenWithLangOrTheBrowsersLanguage() {
		MockHttpServletRequest asked = browser("/console/x");
		asked.setParameter("lang", "en");
		MockHttpServletRequest english = browser("/console/x");
		english.addPreferredLocale(Locale.CANADA);

		assertThat(ErrorPages.locale(asked)).isEqualTo(Locale.ENGLISH);
		assertThat(ErrorPages.locale(english)).isEqualTo(Locale.ENGLISH);
		assertThat(ErrorPages.locale(browser("/console/x"))).isEqualTo(Locale.FRENCH);
	}

	@Test
	void apiCallsAndRequestsForJsonGetNoPage() {
		MockHttpServletRequest api = browser("/api/v1/queue/x");
		MockHttpServletRequest json = new MockHttpServletRequest("GET", "/console/x");
		json.addHeader("Accept", "application/json");

		assertThat(this.pages.resolveErrorView(api, HttpStatus.NOT_FOUND, Map.of("path", "/api/v1/queue/x"))).isNull();
		assertThat(this.pages.resolveErrorView(json, HttpStatus.NOT_FOUND, Map.of("path", "/console/x"))).isNull();
		ModelAndView page = this.pages.resolveErrorView(browser("/console/x"), HttpStatus.NOT_FOUND,
				Map.of("path", "/console/x"));
		assertThat(page).isNotNull();
		assertThat(page.getViewName()).isEqualTo("aiguillage/error");
		assertThat(page.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	private static MockHttpServletRequest browser(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
		request.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		return request;
	}

}
