package ca.aiguillage.platform.web.errors;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Renders an error as a page in the person's language, before Boot's default page. Its
 * words come from its own bundle, so that it needs nothing from the service it runs in.
 */
public class ErrorPages implements ErrorViewResolver, Ordered {

	/** The paths of staff pages, which need no crisis numbers and lead back home. */
	static final List<String> STAFF_PAGES = List.of("/console", "/partner", "/portal");

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	ErrorPages() {
		this.messages.setBasename("aiguillage-error-pages");
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
	}

	@Override
	public @Nullable ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status,
			Map<String, Object> model) {
		String path = originalPath(request, model);
		if (!PageExceptions.wantsPage(request, path)) {
			return null;
		}
		return new ModelAndView("aiguillage/error", Map.of("error", page(status, path, locale(request))), status);
	}

	/**
	 * The page for an error.
	 * @param path the path the person asked for
	 * @return the words and links to show
	 */
	ErrorPage page(HttpStatus status, String path, Locale locale) {
		String kind = switch (status.value()) {
			case 400, 403, 404 -> Integer.toString(status.value());
			default -> status.is4xxClientError() ? "4xx" : "500";
		};
		String staffPages = STAFF_PAGES.stream()
			.filter(page -> path.equals(page) || path.startsWith(page + "/"))
			.findFirst()
			.orElse(null);
		boolean staff = staffPages != null;
		String language = locale.getLanguage();
		return new ErrorPage(language, status.value(), text("error." + kind + ".title", locale),
				text("error." + kind + ".text", locale), text("error.code", locale, status.value()),
				(staff ? staffPages : home(path)) + "?lang=" + language,
				text(staff ? "error.back.staff" : "error.back.public", locale), !staff,
				text("error.crisis.title", locale), text("error.crisis.text", locale));
	}

	/**
	 * The start of the pages the person was in: {@code /console} for
	 * {@code /console/referrals/x}; the service's root for a path of one segment, which
	 * may itself be what was not found.
	 */
	static String home(String path) {
		int second = path.indexOf('/', 1);
		return (second > 1) ? path.substring(0, second) : "/";
	}

	private String text(String code, Locale locale, Object... args) {
		return this.messages.getMessage(code, args, locale);
	}

	private static String originalPath(HttpServletRequest request, Map<String, Object> model) {
		Object path = model.get("path");
		if (path == null) {
			path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		}
		return (path != null) ? path.toString() : request.getRequestURI();
	}

	/**
	 * French unless the person chose English ({@code ?lang=en}, a cookie, their browser).
	 */
	static Locale locale(HttpServletRequest request) {
		String chosen = request.getParameter("lang");
		if (chosen != null) {
			return chosen.equals("en") ? Locale.ENGLISH : Locale.FRENCH;
		}
		LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
		boolean english = (resolver != null) ? resolver.resolveLocale(request).getLanguage().equals("en")
				: request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null
						&& request.getLocale().getLanguage().equals("en");
		return english ? Locale.ENGLISH : Locale.FRENCH;
	}

	/**
	 * What an error page shows.
	 *
	 * @param language the page's language
	 * @param status the HTTP status
	 * @param title what went wrong, in words
	 * @param text what to do about it
	 * @param code the status, for someone helping over the phone
	 * @param back where to go back to
	 * @param backText the way back's words
	 * @param crisis whether to show the crisis numbers (public pages)
	 * @param crisisTitle the crisis box's title
	 * @param crisisText the crisis box's words
	 */
	public record ErrorPage(String language, int status, String title, String text, String code, String back,
			String backText, boolean crisis, String crisisTitle, String crisisText) {
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
