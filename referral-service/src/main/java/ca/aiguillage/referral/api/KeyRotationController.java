package ca.aiguillage.referral.api;

import ca.aiguillage.referral.intake.ReEncryption;
import ca.aiguillage.referral.privacy.KeyRotation;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator rotates the data-encryption key: a new version encrypts from then on
 * and the re-encryption job seals every stored referral again with it.
 */
@RestController
@RequestMapping("/api/v1/admin/privacy")
@PreAuthorize("hasRole('ADMIN')")
class KeyRotationController {

	private final KeyRotation rotation;

	private final ReEncryption reEncryption;

	KeyRotationController(KeyRotation rotation, ReEncryption reEncryption) {
		this.rotation = rotation;
		this.reEncryption = reEncryption;
	}

	@PostMapping("/key-rotation")
	Rotated rotate() {
		String keyId = this.rotation.rotate();
		return new Rotated(keyId, this.reEncryption.run());
	}

	/** Runs the re-encryption job again, such as after a crash in the middle of one. */
	@PostMapping("/re-encryption")
	Rotated reEncrypt() {
		return new Rotated(null, this.reEncryption.run());
	}

	/**
	 * What a rotation did.
	 *
	 * @param activeKeyId the new key version's id, or null when only the job ran
	 * @param reEncrypted how many referrals were sealed again
	 */
	record Rotated(@Nullable String activeKeyId, int reEncrypted) {
	}

}
