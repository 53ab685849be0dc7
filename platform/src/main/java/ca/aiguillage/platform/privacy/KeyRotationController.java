package ca.aiguillage.platform.privacy;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator rotates a service's data-encryption key: a new version encrypts from
 * then on and the service's re-encryption jobs seal everything stored again with it.
 */
@RestController
@RequestMapping("/api/v1/admin/privacy")
@PreAuthorize("hasRole('ADMIN')")
class KeyRotationController {

	private final KeyRotation rotation;

	private final ObjectProvider<ReEncryptionJob> jobs;

	KeyRotationController(KeyRotation rotation, ObjectProvider<ReEncryptionJob> jobs) {
		this.rotation = rotation;
		this.jobs = jobs;
	}

	@PostMapping("/key-rotation")
	Rotated rotate() {
		String keyId = this.rotation.rotate();
		return new Rotated(keyId, reEncrypt().reEncrypted());
	}

	/** Runs the re-encryption jobs again, such as after a crash in the middle of one. */
	@PostMapping("/re-encryption")
	Rotated reEncrypt() {
		return new Rotated(null, this.jobs.orderedStream().mapToInt(ReEncryptionJob::run).sum());
	}

	/**
	 * What a rotation did.
	 *
	 * @param activeKeyId the new key version's id, or null when only the jobs ran
	 * @param reEncrypted how many documents were sealed again
	 */
	record Rotated(@Nullable String activeKeyId, int reEncrypted) {
	}

}
