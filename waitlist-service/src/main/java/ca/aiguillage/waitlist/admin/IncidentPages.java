package ca.aiguillage.waitlist.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.SignedInPeople;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.waitlist.admin.Incident.Details;
import ca.aiguillage.waitlist.admin.Incidents.EditedMeanwhileException;
import ca.aiguillage.waitlist.console.Words;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's incident register: the list, a form to record one, a form to edit one
 * with its history, and the CSV export. Same checks as the API, errors beside each field.
 */
@Controller
@RequestMapping("/console/admin/incidents")
class IncidentPages {

	/** The form's fields, in the order the page shows them. */
	static final List<String> FIELDS = List.of("noticedAt", "description", "informationKind", "peopleConcerned",
			"seriousInjuryRisk", "riskReason", "measures", "commissionNotified", "commissionNotifiedOn",
			"peopleNotified", "peopleNotifiedOn");

	private final Incidents incidents;

	private final IncidentRegister register;

	private final MessageSource messages;

	private final Clock clock;

	IncidentPages(Incidents incidents, IncidentRegister register, MessageSource messages, Clock clock) {
		this.incidents = incidents;
		this.register = register;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping
	String list(@AuthenticationPrincipal OidcUser person, Model model) {
		administrator(person);
		return listPage(person, Map.of(), Map.of(), model);
	}

	@GetMapping(path = "/registre.csv")
	ResponseEntity<String> csv(@AuthenticationPrincipal OidcUser person) {
		administrator(person);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header("Content-Disposition", "attachment; filename=\"registre-incidents.csv\"")
			.body(this.register.csv(LocaleContextHolder.getLocale()));
	}

	@PostMapping
	String record(@AuthenticationPrincipal OidcUser person, @RequestParam Map<String, String> form, Model model) {
		Caller caller = administrator(person);
		try {
			this.incidents.record(details(form), caller.subject());
		}
		catch (InvalidRequestException ex) {
			return listPage(person, form, errors(ex), model);
		}
		model.addAttribute("done", message("admin.incidents.done.recorded"));
		return listPage(person, Map.of(), Map.of(), model);
	}

	@GetMapping("/{id}")
	String incident(@AuthenticationPrincipal OidcUser person, @PathVariable String id, Model model) {
		administrator(person);
		Incident incident = this.incidents.find(id).orElseThrow(() -> new NotFoundException("incident"));
		return editPage(person, incident, values(IncidentRequest.of(incident.details())), Map.of(), model);
	}

	@PostMapping("/{id}")
	String edit(@AuthenticationPrincipal OidcUser person, @PathVariable String id,
			@RequestParam Map<String, String> form, Model model) {
		Caller caller = administrator(person);
		Incident incident = this.incidents.find(id).orElseThrow(() -> new NotFoundException("incident"));
		try {
			incident = this.incidents.edit(id, details(form), caller.subject())
				.orElseThrow(() -> new NotFoundException("incident"));
		}
		catch (InvalidRequestException ex) {
			return editPage(person, incident, form, errors(ex), model);
		}
		catch (EditedMeanwhileException ex) {
			model.addAttribute("error", message("admin.incidents.error.meanwhile"));
			incident = this.incidents.find(id).orElseThrow(() -> new NotFoundException("incident"));
			return editPage(person, incident, values(IncidentRequest.of(incident.details())), Map.of(), model);
		}
		model.addAttribute("done", message("admin.incidents.done.edited"));
		return editPage(person, incident, values(IncidentRequest.of(incident.details())), Map.of(), model);
	}

	/** The form's text as details, every unreadable or missing field named. */
	private Details details(Map<String, String> form) {
		List<FieldViolation> unreadable = new ArrayList<>();
		IncidentRequest request = new IncidentRequest(parsed(form, "noticedAt", LocalDateTime::parse, unreadable),
				form.get("description"), form.get("informationKind"),
				parsed(form, "peopleConcerned", Integer::valueOf, unreadable),
				parsed(form, "seriousInjuryRisk", IncidentPages::yes, unreadable), form.get("riskReason"),
				form.get("measures"), parsed(form, "commissionNotified", IncidentPages::yes, unreadable),
				parsed(form, "commissionNotifiedOn", LocalDate::parse, unreadable),
				parsed(form, "peopleNotified", IncidentPages::yes, unreadable),
				parsed(form, "peopleNotifiedOn", LocalDate::parse, unreadable));
		try {
			Details details = request.details(this.clock);
			if (!unreadable.isEmpty()) {
				throw new InvalidRequestException(unreadable);
			}
			return details;
		}
		catch (InvalidRequestException ex) {
			List<FieldViolation> all = new ArrayList<>(unreadable);
			ex.violations()
				.stream()
				.filter(violation -> unreadable.stream().noneMatch(u -> u.field().equals(violation.field())))
				.forEach(all::add);
			throw new InvalidRequestException(all);
		}
	}

	private static <T> @Nullable T parsed(Map<String, String> form, String field, Function<String, T> parse,
			List<FieldViolation> unreadable) {
		String value = form.get(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parse.apply(value.strip());
		}
		catch (RuntimeException ex) {
			unreadable.add(new FieldViolation(field, "invalid.type"));
			return null;
		}
	}

	private static Boolean yes(String value) {
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("neither true nor false");
		};
	}

	private Map<String, String> errors(InvalidRequestException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.violations()
			.forEach(violation -> errors.putIfAbsent(violation.field(),
					message("admin.incidents.field." + violation.field()) + " : "
							+ message("field." + violation.code())));
		return errors;
	}

	private static Map<String, String> values(IncidentRequest request) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("noticedAt", (request.noticedAt() != null) ? request.noticedAt().toString() : "");
		values.put("description", request.description());
		values.put("informationKind", request.informationKind());
		values.put("peopleConcerned", String.valueOf(request.peopleConcerned()));
		values.put("seriousInjuryRisk", String.valueOf(request.seriousInjuryRisk()));
		values.put("riskReason", request.riskReason());
		values.put("measures", request.measures());
		values.put("commissionNotified", String.valueOf(request.commissionNotified()));
		values.put("commissionNotifiedOn",
				(request.commissionNotifiedOn() != null) ? request.commissionNotifiedOn().toString() : "");
		values.put("peopleNotified", String.valueOf(request.peopleNotified()));
		values.put("peopleNotifiedOn",
				(request.peopleNotifiedOn() != null) ? request.peopleNotifiedOn().toString() : "");
		return values;
	}

	private String listPage(OidcUser person, Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("incidents", this.register.all());
		return page(person, form, errors, model, "waitlist/incidents");
	}

	private String editPage(OidcUser person, Incident incident, Map<String, String> form, Map<String, String> errors,
			Model model) {
		model.addAttribute("incident", incident);
		return page(person, form, errors, model, "waitlist/incident");
	}

	private String page(OidcUser person, Map<String, String> form, Map<String, String> errors, Model model,
			String view) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("words", Words.of(LocaleContextHolder.getLocale(), this.messages));
		model.addAttribute("person", person.getSubject());
		model.addAttribute("administrator", true);
		return view;
	}

	private static Caller administrator(OidcUser person) {
		Caller caller = SignedInPeople.caller(person);
		if (!caller.isAdmin()) {
			throw new AccessDeniedException("the incident register is for administrators");
		}
		return caller;
	}

	private String message(String code, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(code, args, code, locale);
	}

}
