package ca.aiguillage.matching.directory;

import java.net.URI;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory API: coordinators list, read and keep up to date their organization's
 * therapists.
 */
@RestController
@RequestMapping("/api/v1/therapists")
class TherapistController {

	private final Therapists therapists;

	private final Directory directory;

	private final TherapistValidation validation;

	TherapistController(Therapists therapists, Directory directory, TherapistValidation validation) {
		this.therapists = therapists;
		this.directory = directory;
		this.validation = validation;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	PagedModel<TherapistView> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam @Nullable String language,
			@RequestParam @Nullable String approach, @RequestParam @Nullable String organizationId) {
		List<FieldViolation> violations = this.validation.listingViolations(page, size, language, approach);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Caller caller = Caller.current();
		if (!caller.isAdmin()) {
			// A coordinator sees their own organization's therapists, whatever the
			// request asks for.
			if (organizationId != null && !caller.coordinates(organizationId)) {
				throw new AccessDeniedException("another organization's directory");
			}
			organizationId = caller.organizationId();
		}
		return new PagedModel<>(this.therapists
			.search(language, (approach != null) ? Approach.valueOf(approach) : null, organizationId,
					PageRequest.of(page, size))
			.map(TherapistView::of));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	TherapistView therapist(@PathVariable String id) {
		Caller caller = Caller.current();
		return this.therapists.find(id)
			.filter(therapist -> caller.isAdmin() || caller.coordinates(therapist.organizationId()))
			.map(TherapistView::of)
			.orElseThrow(() -> new NotFoundException("therapist"));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	ResponseEntity<TherapistView> put(@PathVariable String id, @RequestBody TherapistProfile profile) {
		Caller caller = Caller.current();
		if (!caller.isAdmin()) {
			if (this.therapists.find(id)
				.filter(existing -> !caller.coordinates(existing.organizationId()))
				.isPresent()) {
				// Another organization's therapist reads exactly like an unknown id.
				throw new NotFoundException("therapist");
			}
			if (!caller.coordinates(profile.organizationId())) {
				throw new AccessDeniedException("another organization's directory");
			}
		}
		Directory.Entry entry = this.directory.put(id, profile);
		TherapistView view = TherapistView.of(entry.therapist());
		return entry.created() ? ResponseEntity.created(URI.create("/api/v1/therapists/" + id)).body(view)
				: ResponseEntity.ok(view);
	}

}
