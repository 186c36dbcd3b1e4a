package dslab.deployment.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Every service has a Deployment; every pod is probed, bounded and locked down: readiness
 * and liveness from the actuator groups for the Spring Boot services, requests and
 * limits, non-root without privilege escalation or capabilities, a read-only root
 * filesystem with {@code /tmp} on an emptyDir, a pinned image, and a PodDisruptionBudget
 * for every Deployment.
 */
final class WorkloadRules implements ManifestRule {

	static final String READINESS = "/actuator/health/readiness";

	static final String LIVENESS = "/actuator/health/liveness";

	@Override
	public List<String> check(Manifests manifests, Contract contract) {
		List<String> findings = new ArrayList<>();
		for (String service : contract.services()) {
			if (manifests.named(Deployment.class, service).isEmpty()) {
				findings.add("Deployment " + service + ": missing; every service of the repository runs as one");
			}
		}
		for (Manifests.Workload workload : manifests.workloads()) {
			PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
			boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
			for (Container container : workload.containers()) {
				String where = workload.describe() + ": container " + container.getName();
				findings.addAll(resources(where, container.getResources()));
				findings.addAll(security(where, container, podNonRoot, workload.template().getSpec().getVolumes()));
				findings.addAll(image(where, container.getImage()));
			}
			for (Container container : workload.template().getSpec().getContainers()) {
				String where = workload.describe() + ": container " + container.getName();
				boolean springBoot = workload.resource() instanceof Deployment;
				findings.addAll(probe(where, "readiness", container.getReadinessProbe(), springBoot ? READINESS : null,
						container.getPorts()));
				findings.addAll(probe(where, "liveness", container.getLivenessProbe(), springBoot ? LIVENESS : null,
						container.getPorts()));
			}
			if (workload.resource() instanceof Deployment && disruptionBudgets(manifests, workload).isEmpty()) {
				findings.add(workload.describe()
						+ ": no PodDisruptionBudget selects its pods, so a node drain may take all of them at once");
			}
		}
		return findings;
	}

	private static List<String> resources(String where, ResourceRequirements resources) {
		List<String> findings = new ArrayList<>();
		for (String resource : List.of("cpu", "memory")) {
			if (resources == null || !has(resources.getRequests(), resource)) {
				findings.add(where + ": no " + resource + " request");
			}
			if (resources == null || !has(resources.getLimits(), resource)) {
				findings.add(where + ": no " + resource + " limit");
			}
		}
		return findings;
	}

	private static boolean has(Map<String, Quantity> quantities, String resource) {
		return quantities != null && quantities.get(resource) != null;
	}

	private static List<String> security(String where, Container container, boolean podNonRoot, List<Volume> volumes) {
		List<String> findings = new ArrayList<>();
		SecurityContext security = Objects.requireNonNullElseGet(container.getSecurityContext(), SecurityContext::new);
		boolean nonRoot = (security.getRunAsNonRoot() != null) ? security.getRunAsNonRoot() : podNonRoot;
		if (!nonRoot) {
			findings.add(where + ": may run as root (set runAsNonRoot: true)");
		}
		if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
			findings.add(where + ": allows privilege escalation (set allowPrivilegeEscalation: false)");
		}
		if (security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")) {
			findings.add(where + ": keeps Linux capabilities (drop: [ALL])");
		}
		if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
			findings.add(where + ": writable root filesystem (set readOnlyRootFilesystem: true, /tmp on an emptyDir)");
		}
		else if (!tmpOnEmptyDir(container, volumes)) {
			findings.add(where
					+ ": read-only root filesystem without an emptyDir at /tmp, where the JVM and the web server write");
		}
		return findings;
	}

	private static boolean tmpOnEmptyDir(Container container, List<Volume> volumes) {
		return container.getVolumeMounts()
			.stream()
			.filter((mount) -> "/tmp".equals(mount.getMountPath()))
			.map(VolumeMount::getName)
			.anyMatch((name) -> volumes.stream()
				.anyMatch((volume) -> name.equals(volume.getName()) && volume.getEmptyDir() != null));
	}

	private static List<String> image(String where, String image) {
		String reference = Objects.requireNonNullElse(image, "");
		String name = reference.substring(reference.lastIndexOf('/') + 1);
		if (reference.contains("@sha256:")) {
			return List.of();
		}
		if (!name.contains(":") || name.endsWith(":latest")) {
			return List.of(where + ": image " + reference + " is not pinned to a version");
		}
		return List.of();
	}

	private static List<String> probe(String where, String kind, Probe probe, String actuatorPath,
			List<ContainerPort> ports) {
		if (probe == null) {
			return List.of(where + ": no " + kind + " probe");
		}
		if (actuatorPath == null) {
			return List.of();
		}
		if (probe.getHttpGet() == null || !actuatorPath.equals(probe.getHttpGet().getPath())) {
			return List
				.of(where + ": the " + kind + " probe must GET " + actuatorPath + " (the actuator " + kind + " group)");
		}
		IntOrString port = probe.getHttpGet().getPort();
		boolean declared = port != null && ports.stream()
			.anyMatch((declaredPort) -> (port.getStrVal() != null) ? port.getStrVal().equals(declaredPort.getName())
					: Objects.equals(port.getIntVal(), declaredPort.getContainerPort()));
		return declared ? List.of()
				: List.of(where + ": the " + kind + " probe's port " + port + " is not a port of the container");
	}

	private static Optional<PodDisruptionBudget> disruptionBudgets(Manifests manifests, Manifests.Workload workload) {
		Map<String, String> labels = workload.template().getMetadata().getLabels();
		return manifests.all(PodDisruptionBudget.class)
			.stream()
			.filter((budget) -> budget.getSpec().getSelector() != null
					&& budget.getSpec().getSelector().getMatchExpressions().isEmpty()
					&& !budget.getSpec().getSelector().getMatchLabels().isEmpty()
					&& labels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()))
			.findFirst();
	}

}
