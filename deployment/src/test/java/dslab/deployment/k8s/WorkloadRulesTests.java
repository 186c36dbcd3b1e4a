package dslab.deployment.k8s;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes, resources, security context, images and disruption budgets of every workload.
 */
class WorkloadRulesTests {

	private static final String ORDER_SERVICE = "Deployment order-service: container order-service: ";

	private final WorkloadRules rules = new WorkloadRules();

	@Test
	void acceptsTheValidRender() {
		assertThat(this.rules.check(Fixtures.valid(), Fixtures.contract())).isEmpty();
	}

	@Test
	void rejectsADeploymentWithoutProbes() {
		assertThat(check("broken/deployment-without-probes.yaml")).containsExactly(ORDER_SERVICE + "no readiness probe",
				ORDER_SERVICE + "no liveness probe");
	}

	@Test
	void rejectsALivenessProbeOutsideTheActuatorLivenessGroup() {
		assertThat(check("broken/deployment-probing-health-root.yaml")).containsExactly(
				ORDER_SERVICE + "the liveness probe must GET /actuator/health/liveness (the actuator liveness group)");
	}

	@Test
	void rejectsADeploymentWithoutLimits() {
		assertThat(check("broken/deployment-without-limits.yaml")).containsExactly(ORDER_SERVICE + "no cpu limit",
				ORDER_SERVICE + "no memory limit");
	}

	@Test
	void rejectsAContainerThatMayRunAsRootEscalateOrKeepCapabilities() {
		assertThat(check("broken/deployment-running-as-root.yaml")).containsExactly(
				ORDER_SERVICE + "may run as root (set runAsNonRoot: true)",
				ORDER_SERVICE + "allows privilege escalation (set allowPrivilegeEscalation: false)",
				ORDER_SERVICE + "keeps Linux capabilities (drop: [ALL])");
	}

	@Test
	void rejectsAWritableRootFilesystem() {
		assertThat(check("broken/deployment-with-writable-root.yaml")).containsExactly(
				ORDER_SERVICE + "writable root filesystem (set readOnlyRootFilesystem: true, /tmp on an emptyDir)");
	}

	@Test
	void rejectsAReadOnlyRootFilesystemWithoutAWritableTmp() {
		assertThat(check("broken/deployment-without-tmp-volume.yaml")).containsExactly(ORDER_SERVICE
				+ "read-only root filesystem without an emptyDir at /tmp, where the JVM and the web server write");
	}

	@Test
	void rejectsAnImageThatIsNotPinned() {
		assertThat(check("broken/deployment-with-unpinned-image.yaml"))
			.containsExactly(ORDER_SERVICE + "image dslab/order-service:latest is not pinned to a version");
	}

	@Test
	void rejectsADeploymentNoDisruptionBudgetSelects() {
		assertThat(check("broken/disruption-budget-selecting-nothing.yaml")).containsExactly(
				"Deployment order-service: no PodDisruptionBudget selects its pods, so a node drain may take all of them at once");
	}

	@Test
	void rejectsAServiceOfTheRepositoryWithoutADeployment() {
		Contract contract = Fixtures.contract();
		Contract withPaymentService = new Contract(Set.of("gateway", "order-service", "payment-service"),
				contract.topics(), contract.consumers());

		assertThat(this.rules.check(Fixtures.valid(), withPaymentService))
			.containsExactly("Deployment payment-service: missing; every service of the repository runs as one");
	}

	private List<String> check(String fixture) {
		return this.rules.check(Fixtures.validWith(fixture), Fixtures.contract());
	}

}
