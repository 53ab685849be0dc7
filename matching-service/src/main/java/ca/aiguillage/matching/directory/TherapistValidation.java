package ca.aiguillage.matching.directory;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.platform.web.FieldChecks;
import ca.aiguillage.platform.web.FieldViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The field rules of a therapist's directory entry and of the directory's list filters.
 * Each violation names the field and a message code; values are never echoed.
 */
@Component
class TherapistValidation {

	private final Organizations organizations;

	TherapistValidation(Organizations organizations) {
		this.organizations = organizations;
	}

	/** The id format of the event contracts, so that every id can travel in an event. */
	private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:/-]{1,64}$");

	private static final int LONGEST_NAME = 100;

	private static final int LARGEST_PAGE = 100;

	List<FieldViolation> listingViolations(int page, int size, @Nullable String language, @Nullable String approach) {
		FieldChecks check = new FieldChecks();
		check.rule("page", page >= 0, "invalid.negative");
		check.rule("size", size >= 1 && size <= LARGEST_PAGE, "invalid.pageSize");
		check.language("language", language);
		check.rule("approach",
				approach == null || Arrays.stream(Approach.values()).anyMatch(value -> value.name().equals(approach)),
				"invalid.approach");
		return check.violations();
	}

	List<FieldViolation> violations(String id, TherapistProfile profile) {
		FieldChecks check = new FieldChecks();
		check.rule("id", ID.matcher(id).matches(), "invalid.id");
		if (check.requiredText("organizationId", profile.organizationId())) {
			check.rule("organizationId", ID.matcher(profile.organizationId()).matches(), "invalid.id");
			check.rule("organizationId", this.organizations.knows(profile.organizationId()),
					"invalid.organization.unknown");
		}
		if (check.requiredText("firstName", profile.firstName())) {
			check.rule("firstName", profile.firstName().length() <= LONGEST_NAME, "invalid.tooLong");
		}
		check.nonEmpty("approaches", profile.approaches());
		if (check.nonEmpty("languages", profile.languages())) {
			for (int i = 0; i < profile.languages().size(); i++) {
				check.language("languages[" + i + "]", profile.languages().get(i));
			}
		}
		check.nonEmpty("clienteles", profile.clienteles());
		if (check.nonEmpty("modalities", profile.modalities())) {
			for (int i = 0; i < profile.modalities().size(); i++) {
				check.rule("modalities[" + i + "]", profile.modalities().get(i) != Modality.EITHER,
						"invalid.modality.either");
			}
		}
		if (check.nonEmpty("availability", profile.availability())) {
			check.weeklyAvailability("availability", profile.availability());
		}
		if (check.required("places", profile.places())) {
			check.rule("places", profile.places() >= 0, "invalid.negative");
		}
		if (check.required("lowFeePlaces", profile.lowFeePlaces())) {
			check.rule("lowFeePlaces", profile.lowFeePlaces() >= 0, "invalid.negative");
			if (profile.places() != null) {
				check.rule("lowFeePlaces", profile.lowFeePlaces() <= profile.places(),
						"invalid.lowFeePlaces.exceedsPlaces");
			}
		}
		check.required("active", profile.active());
		return check.violations();
	}

}
