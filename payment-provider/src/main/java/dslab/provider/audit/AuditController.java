package dslab.provider.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/audit}: the snapshot a drill's auditor reads. */
@RestController
class AuditController {

	private final AuditSnapshots snapshots;

	AuditController(AuditSnapshots snapshots) {
		this.snapshots = snapshots;
	}

	@GetMapping("/admin/audit")
	AuditSnapshot audit() {
		return this.snapshots.take();
	}

}
