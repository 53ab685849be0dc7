package ca.aiguillage.waitlist.queue;

import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.waitlist.queue.QueueView.QueueDetail;
import ca.aiguillage.waitlist.queue.QueueView.QueuePage;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The queue over HTTP: the list, one referral with its timeline, and the rebuild. */
@RestController
@RequestMapping("/api/v1/queue")
class QueueController {

	private final QueueView view;

	private final QueueRebuild rebuild;

	QueueController(QueueView view, QueueRebuild rebuild) {
		this.view = view;
		this.rebuild = rebuild;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	QueuePage queue(@RequestParam(required = false) @Nullable List<QueueStatus> status,
			@RequestParam(required = false) @Nullable String organizationId,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable Approach approach,
			@RequestParam(required = false) @Nullable Integer minDaysWaited,
			@RequestParam(required = false) @Nullable Integer maxDaysWaited,
			@RequestParam(required = false) @Nullable String referrer,
			@RequestParam(required = false) @Nullable String referralId,
			@RequestParam(required = false) @Nullable Boolean atRisk,
			@RequestParam(defaultValue = "daysWaited,desc") String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.view.page(
				new QueueView.Filter((status != null) ? status : List.of(), organizationId, language, approach,
						minDaysWaited, maxDaysWaited, referrer, referralId, atRisk, sort, page, size),
				Caller.current());
	}

	@GetMapping("/network")
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	QueuePage network(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.view.network(Caller.current(), page, size);
	}

	@GetMapping("/{referralId}")
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	ResponseEntity<QueueDetail> referral(@PathVariable String referralId) {
		QueueDetail detail = this.view.detail(referralId, Caller.current());
		return ResponseEntity.ok().eTag("\"" + detail.referral().revision() + "\"").body(detail);
	}

	@PostMapping("/rebuild")
	@PreAuthorize("hasRole('ADMIN')")
	Map<String, Integer> rebuild() {
		return Map.of("eventsReplayed", this.rebuild.rebuild());
	}

}
