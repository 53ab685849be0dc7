package ca.aiguillage.referral.fee;

import java.util.List;

import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sliding scales: anyone signed in reads them (a referrer explains the fee to the
 * client); only an administrator replaces one.
 */
@RestController
@RequestMapping("/api/v1/fee-scales")
class FeeScaleController {

	private final FeeScales scales;

	FeeScaleController(FeeScales scales) {
		this.scales = scales;
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	List<FeeScale> all() {
		return this.scales.all();
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	FeeScale one(@PathVariable String id) {
		return this.scales.find(id).orElseThrow(() -> new NotFoundException("fee-scale"));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	FeeScale replace(@PathVariable String id, @RequestBody FeeScale scale) {
		if (!id.equals(scale.id())) {
			throw new InvalidRequestException(List.of(new FieldViolation("id", "invalid.identifier")));
		}
		return this.scales.replace(scale);
	}

}
