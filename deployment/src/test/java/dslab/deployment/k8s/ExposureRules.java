package dslab.deployment.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

/**
 * Only the gateway is reachable from outside, and only its public API: no other Service
 * is a LoadBalancer or NodePort or has external IPs, and Ingresses send nothing but
 * {@code /api} to the gateway (not its actuator, and no service's {@code /admin/**}).
 */
final class ExposureRules implements ManifestRule {

	static final String PUBLIC_PATH = "/api";

	private static final Set<String> EXTERNAL_TYPES = Set.of("LoadBalancer", "NodePort");

	@Override
	public List<String> check(Manifests manifests, Contract contract) {
		List<String> findings = new ArrayList<>();
		for (Service service : manifests.all(Service.class)) {
			boolean external = EXTERNAL_TYPES
				.contains(Objects.requireNonNullElse(service.getSpec().getType(), "ClusterIP"))
					|| !service.getSpec().getExternalIPs().isEmpty();
			if (external && !Contract.GATEWAY.equals(service.getMetadata().getName())) {
				findings.add(Manifests.describe(service)
						+ ": reachable from outside the cluster; only the gateway may be, and only through /api");
			}
		}
		for (Ingress ingress : manifests.all(Ingress.class)) {
			String where = Manifests.describe(ingress);
			if (ingress.getSpec().getDefaultBackend() != null) {
				findings.add(where + ": a default backend exposes every path; route " + PUBLIC_PATH + " only");
			}
			for (IngressRule rule : ingress.getSpec().getRules()) {
				if (rule.getHttp() == null) {
					continue;
				}
				for (HTTPIngressPath path : rule.getHttp().getPaths()) {
					findings.addAll(path(where, path));
				}
			}
		}
		return findings;
	}

	private static List<String> path(String where, HTTPIngressPath path) {
		List<String> findings = new ArrayList<>();
		String value = String.valueOf(path.getPath());
		if (!value.equals(PUBLIC_PATH) && !value.startsWith(PUBLIC_PATH + "/")) {
			findings.add(where + ": exposes path " + value + "; only " + PUBLIC_PATH + " is public");
		}
		if ("ImplementationSpecific".equals(path.getPathType())) {
			findings.add(where + ": path " + value + " has pathType ImplementationSpecific, which a controller may"
					+ " read as a regular expression; use Prefix");
		}
		IngressBackend backend = path.getBackend();
		if (backend.getService() == null || !Contract.GATEWAY.equals(backend.getService().getName())) {
			findings.add(where + ": path " + value + " goes to " + describe(backend) + "; only the gateway is public");
		}
		return findings;
	}

	private static String describe(IngressBackend backend) {
		return (backend.getService() != null) ? "Service " + backend.getService().getName()
				: "resource " + backend.getResource();
	}

}
