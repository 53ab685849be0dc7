package ca.aiguillage.matching.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.matching.network.Organization;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.SignedInPeople;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The directory in the browser: a coordinator's therapists, a form to add or edit one
 * (judged by the same {@link TherapistValidation} as the API, through {@link Directory}),
 * and each therapist's caseload. A therapist of another organization reads as unknown.
 */
@Controller
@RequestMapping(DirectoryPagesSecurity.PAGES)
class DirectoryPages {

	/** Quebec's time zone: every time on these pages is local. */
	static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	/** The languages the form offers as boxes; any other ISO code can be typed. */
	private static final List<String> COMMON_LANGUAGES = List.of("fr", "en", "es", "ar", "ht", "zh", "vi", "fa", "pt",
			"it");

	private static final int LARGEST_DIRECTORY = 1000;

	private final Therapists therapists;

	private final Directory directory;

	private final Organizations organizations;

	private final MessageSource messages;

	private final PagesSettings settings;

	DirectoryPages(Therapists therapists, Directory directory, Organizations organizations, MessageSource messages,
			PagesSettings settings) {
		this.settings = settings;
		this.therapists = therapists;
		this.directory = directory;
		this.organizations = organizations;
		this.messages = messages;
	}

	@GetMapping
	String list(@AuthenticationPrincipal OidcUser person, Model model) {
		Caller caller = SignedInPeople.caller(person);
		List<TherapistRow> listed = this.therapists
			.search(null, null, caller.isAdmin() ? null : caller.organizationId(), PageRequest.of(0, LARGEST_DIRECTORY))
			.getContent()
			.stream()
			.sorted(Comparator.comparing(Therapist::organizationId).thenComparing(Therapist::firstName))
			.map(this::row)
			.toList();
		model.addAttribute("therapists", listed);
		model.addAttribute("organization", organizationName(caller.organizationId()));
		return page(person, model, "directory/list");
	}

	@GetMapping("/therapists/new")
	String newTherapist(@AuthenticationPrincipal OidcUser person, Model model) {
		Caller caller = SignedInPeople.caller(person);
		TherapistProfile blank = new TherapistProfile(caller.organizationId(), "", List.of(), List.of("fr"),
				List.of(Clientele.ADULT), List.of(Modality.IN_PERSON, Modality.VIDEO), List.of(), 1, 0, true);
		return form(person, model, null, blank, List.of());
	}

	@GetMapping("/therapists/{id}")
	String edit(@AuthenticationPrincipal OidcUser person, @PathVariable String id, Model model) {
		Therapist therapist = visible(id, SignedInPeople.caller(person));
		return form(person, model, id, profile(therapist), List.of());
	}

	@PostMapping("/therapists")
	String create(@AuthenticationPrincipal OidcUser person, @RequestParam MultiValueMap<String, String> form,
			Model model) {
		return save(person, null, form, model);
	}

	@PostMapping("/therapists/{id}")
	String update(@AuthenticationPrincipal OidcUser person, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> form, Model model) {
		visible(id, SignedInPeople.caller(person));
		return save(person, id, form, model);
	}

	@GetMapping("/therapists/{id}/caseload")
	String caseload(@AuthenticationPrincipal OidcUser person, @PathVariable String id, Model model) {
		Therapist therapist = visible(id, SignedInPeople.caller(person));
		List<Reservation> held = therapist.reservations()
			.stream()
			.sorted(Comparator.comparing(Reservation::reservedAt))
			.toList();
		model.addAttribute("therapist", therapist);
		model.addAttribute("organization", organizationName(therapist.organizationId()));
		model.addAttribute("held", held.stream().map(this::place).toList());
		model.addAttribute("awaitingAnswer", held.stream().filter(reservation -> !reservation.confirmed()).count());
		return page(person, model, "directory/caseload");
	}

	private String save(OidcUser person, @Nullable String id, MultiValueMap<String, String> form, Model model) {
		Caller caller = SignedInPeople.caller(person);
		String organizationId = caller.isAdmin() ? form.getFirst("organizationId") : caller.organizationId();
		TherapistForm read = TherapistForm.read(form, (organizationId != null) ? organizationId : "");
		String therapistId = (id != null) ? id : newId(organizationId);
		if (!read.unreadable().isEmpty()) {
			return form(person, model, id, read.profile(), read.unreadable());
		}
		try {
			this.directory.put(therapistId, read.profile());
		}
		catch (InvalidRequestException ex) {
			return form(person, model, id, read.profile(), ex.violations());
		}
		return "redirect:" + DirectoryPagesSecurity.PAGES + "?saved=" + therapistId;
	}

	private String form(OidcUser person, Model model, @Nullable String id, TherapistProfile profile,
			List<FieldViolation> violations) {
		Caller caller = SignedInPeople.caller(person);
		Map<String, String> errors = new LinkedHashMap<>();
		// One message per field, beside it: "languages[1]" is shown at the languages.
		violations.forEach(violation -> errors.putIfAbsent(violation.field().replaceAll("\\[.*", ""),
				message("field." + violation.code())));
		Map<String, String> languages = new LinkedHashMap<>();
		COMMON_LANGUAGES.forEach(code -> languages.put(code, languageName(code)));
		List<String> others = new ArrayList<>();
		for (String language : nonNull(profile.languages())) {
			if (!COMMON_LANGUAGES.contains(language)) {
				others.add(language);
			}
		}
		List<WeeklySlot> ranges = new ArrayList<>(nonNull(profile.availability()));
		model.addAttribute("id", id);
		model.addAttribute("profile", profile);
		model.addAttribute("errors", errors);
		model.addAttribute("languages", languages);
		model.addAttribute("otherLanguages", String.join(" ", others));
		model.addAttribute("ranges", ranges);
		model.addAttribute("rangeIndexes", java.util.stream.IntStream.range(0, TherapistForm.RANGES).boxed().toList());
		model.addAttribute("approaches", Approach.values());
		model.addAttribute("clienteles", Clientele.values());
		model.addAttribute("modalities", List.of(Modality.IN_PERSON, Modality.VIDEO));
		model.addAttribute("days", DayOfWeek.values());
		model.addAttribute("organizations", caller.isAdmin() ? this.organizations.all() : List.of());
		model.addAttribute("organization", organizationName(profile.organizationId()));
		return page(person, model, "directory/form");
	}

	private String page(OidcUser person, Model model, String view) {
		model.addAttribute("person", person.getSubject());
		return view;
	}

	/** A language's name in the page's language, such as "espagnol" for es. */
	String languageName(String code) {
		Locale locale = LocaleContextHolder.getLocale();
		String name = Locale.of(code).getDisplayLanguage(locale);
		return (name.isBlank() || name.equals(code)) ? code : name;
	}

	/** A weekly range in words, such as "mardi, 10 h 00 à 12 h 00". */
	String range(WeeklySlot slot) {
		Locale locale = LocaleContextHolder.getLocale();
		return message("directory.range", slot.day().getDisplayName(TextStyle.FULL, locale), time(slot, true),
				time(slot, false));
	}

	private String time(WeeklySlot slot, boolean start) {
		java.time.LocalTime time = start ? slot.start() : slot.end();
		return french() ? String.format("%d h %02d", time.getHour(), time.getMinute())
				: time.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.CANADA));
	}

	/** A moment in Quebec's local time, such as "3 décembre 2026, 8 h 05". */
	String moment(Instant instant) {
		java.time.ZonedDateTime local = instant.atZone(QUEBEC);
		if (french()) {
			return local.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.CANADA_FRENCH)) + ", "
					+ String.format("%d h %02d", local.getHour(), local.getMinute());
		}
		return local.format(DateTimeFormatter.ofPattern("MMMM d, yyyy, h:mm a", Locale.CANADA));
	}

	private static boolean french() {
		return !"en".equals(LocaleContextHolder.getLocale().getLanguage());
	}

	private TherapistRow row(Therapist therapist) {
		return new TherapistRow(therapist.getId(), therapist.firstName(),
				String.join(", ", therapist.languages().stream().map(this::languageName).toList()),
				String.join(", ", therapist.approaches().stream().map(a -> message("approach." + a.name())).toList()),
				therapist.places(), therapist.lowFeePlaces(), therapist.freePlaces(), therapist.active());
	}

	/**
	 * A therapist as the list shows them, in words.
	 *
	 * @param id the therapist id
	 * @param firstName the display name
	 * @param languages the working languages' names
	 * @param approaches the approaches' names
	 * @param places the new-client places
	 * @param lowFeePlaces how many of those are low-fee
	 * @param freePlaces the places not reserved yet
	 * @param active whether they take new clients now
	 */
	public record TherapistRow(String id, String firstName, String languages, String approaches, int places,
			int lowFeePlaces, int freePlaces, boolean active) {
	}

	private HeldPlace place(Reservation reservation) {
		return new HeldPlace(reservation.referralId(), this.settings.referralPage(reservation.referralId()),
				holder(reservation), moment(reservation.reservedAt()), range(reservation.slot()),
				reservation.confirmed(), reservation.lowFee(), reservation.modality());
	}

	/**
	 * The referral holding a place, in words rather than its id: when it was received and
	 * its priority, or, for a place reserved before those were kept, when it was
	 * proposed.
	 */
	String holder(Reservation reservation) {
		if (reservation.registeredAt() == null) {
			return message("directory.caseload.holder.unknown", day(reservation.reservedAt()));
		}
		String received = day(reservation.registeredAt());
		return (reservation.priority() != null)
				? message("directory.caseload.holder", received, message("priority." + reservation.priority().name()))
				: message("directory.caseload.holder.noPriority", received);
	}

	/** A day in Quebec, such as "3 novembre 2026". */
	String day(Instant instant) {
		java.time.LocalDate local = instant.atZone(QUEBEC).toLocalDate();
		return french() ? local.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.CANADA_FRENCH))
				: local.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.CANADA));
	}

	/**
	 * One place a referral holds, as the caseload page shows it: no client's name, which
	 * matching does not have, but a link to the referral's page in the console, named in
	 * words.
	 *
	 * @param referralId the referral holding the place (kept out of the visible text)
	 * @param consolePage the referral's page in the console
	 * @param holder the referral in words, such as "Demande reçue le 3 novembre 2026"
	 * @param since when it was reserved, in Quebec's local time
	 * @param slot the weekly slot offered, in words
	 * @param confirmed whether the client accepted
	 * @param lowFee whether it is a low-fee place
	 * @param modality the modality offered, or null
	 */
	public record HeldPlace(String referralId, String consolePage, String holder, String since, String slot,
			boolean confirmed, boolean lowFee, @Nullable Modality modality) {
	}

	private Therapist visible(String id, Caller caller) {
		return this.therapists.find(id)
			.filter(therapist -> caller.isAdmin() || caller.coordinates(therapist.organizationId()))
			.orElseThrow(() -> new NotFoundException("therapist"));
	}

	private static TherapistProfile profile(Therapist therapist) {
		return new TherapistProfile(therapist.organizationId(), therapist.firstName(), therapist.approaches(),
				therapist.languages(), therapist.clienteles(), therapist.modalities(), therapist.availability(),
				therapist.places(), therapist.lowFeePlaces(), therapist.active());
	}

	private static String newId(@Nullable String organizationId) {
		String prefix = (organizationId != null && !organizationId.isBlank()) ? organizationId : "t";
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private @Nullable String organizationName(@Nullable String organizationId) {
		return (organizationId != null)
				? this.organizations.find(organizationId).map(Organization::name).orElse(organizationId) : null;
	}

	private String message(String code, Object... args) {
		return this.messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
	}

	private static <T> List<T> nonNull(@Nullable List<T> values) {
		return (values != null) ? values : List.of();
	}

}
