package dslab.deployment.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;

/**
 * What one resource names resolves to another: everything sits in one namespace; every
 * ConfigMap a pod uses is rendered; a Secret reference matches the name a generator gave
 * it; every Service selects pods with the port it forwards to; and every address in a
 * service's configuration (a URL, a JDBC URL, the Kafka bootstrap servers) is a Service
 * here with that port, or the bootstrap Service Strimzi makes for a Kafka here.
 */
final class ReferenceRules implements ManifestRule {

	static final String KAFKA_BOOTSTRAP_SERVERS = "SPRING_KAFKA_BOOTSTRAP_SERVERS";

	private static final Pattern URL = Pattern.compile("^(?:https?|jdbc:postgresql)://([^/:?]+):(\\d+).*");

	/** The suffix kustomize generators append to a name: a dash and ten characters. */
	private static final Pattern GENERATED_SUFFIX = Pattern.compile("-[a-z0-9]{10}");

	private static final String IN_CLUSTER_SUFFIX = "\\.[a-z0-9-]+\\.svc(\\.cluster\\.local)?$";

	@Override
	public List<String> check(Manifests manifests, Contract contract) {
		List<String> findings = new ArrayList<>(namespaces(manifests));
		for (Manifests.Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				String where = workload.describe() + ": container " + container.getName();
				for (String configMap : configMapsOf(container)) {
					findings.addAll(configMap(manifests, where, configMap));
				}
				for (String secret : secretsOf(container)) {
					findings.addAll(secret(manifests, where, secret));
				}
				manifests.environment(container)
					.forEach((variable, value) -> findings.addAll(addresses(manifests, where, variable, value)));
			}
			for (Volume volume : workload.template().getSpec().getVolumes()) {
				if (volume.getConfigMap() != null) {
					findings.addAll(configMap(manifests, workload.describe(), volume.getConfigMap().getName()));
				}
				if (volume.getSecret() != null) {
					findings.addAll(secret(manifests, workload.describe(), volume.getSecret().getSecretName()));
				}
			}
		}
		for (Service service : manifests.all(Service.class)) {
			findings.addAll(selects(manifests, service));
		}
		for (Ingress ingress : manifests.all(Ingress.class)) {
			ingress.getSpec()
				.getRules()
				.stream()
				.filter((rule) -> rule.getHttp() != null)
				.flatMap((rule) -> rule.getHttp().getPaths().stream())
				.map((path) -> path.getBackend().getService())
				.filter(Objects::nonNull)
				.forEach((backend) -> findings.addAll(backend(manifests, Manifests.describe(ingress), backend)));
		}
		return findings;
	}

	private static List<String> namespaces(Manifests manifests) {
		Set<String> namespaces = new TreeSet<>();
		List<String> unplaced = new ArrayList<>();
		for (HasMetadata resource : manifests.resources()) {
			if (resource instanceof Namespace) {
				continue;
			}
			String namespace = resource.getMetadata().getNamespace();
			if (namespace == null) {
				unplaced.add(Manifests.describe(resource));
			}
			else {
				namespaces.add(namespace);
			}
		}
		List<String> findings = new ArrayList<>();
		if (namespaces.size() > 1) {
			findings.add(manifests.source() + ": resources spread over namespaces " + namespaces + "; the lab is one");
		}
		for (String resource : unplaced) {
			findings.add(resource + ": no namespace while the rest is in " + namespaces
					+ " (a generator or resource outside the kustomization's namespace?)");
		}
		return findings;
	}

	private static List<String> configMapsOf(Container container) {
		return Stream
			.concat(container.getEnvFrom()
				.stream()
				.map(EnvFromSource::getConfigMapRef)
				.filter(Objects::nonNull)
				.map((reference) -> reference.getName()),
					container.getEnv()
						.stream()
						.map(EnvVar::getValueFrom)
						.filter((source) -> source != null && source.getConfigMapKeyRef() != null)
						.map((source) -> source.getConfigMapKeyRef().getName()))
			.toList();
	}

	private static List<String> secretsOf(Container container) {
		return Stream
			.concat(container.getEnvFrom()
				.stream()
				.map(EnvFromSource::getSecretRef)
				.filter(Objects::nonNull)
				.map((reference) -> reference.getName()),
					container.getEnv()
						.stream()
						.map(EnvVar::getValueFrom)
						.filter((source) -> source != null && source.getSecretKeyRef() != null)
						.map((source) -> source.getSecretKeyRef().getName()))
			.toList();
	}

	private static List<String> configMap(Manifests manifests, String where, String name) {
		return manifests.named(ConfigMap.class, name).isPresent() ? List.of()
				: List.of(where + ": uses ConfigMap " + name + ", which is not here");
	}

	/**
	 * A Secret need not be here (a real cluster creates it from a secret store), but when
	 * a generator made it, the reference must carry the generated name: a plain name next
	 * to a generated one means kustomize could not connect them.
	 */
	private static List<String> secret(Manifests manifests, String where, String name) {
		if (manifests.named(Secret.class, name).isPresent()) {
			return List.of();
		}
		return manifests.all(Secret.class)
			.stream()
			.map((secret) -> secret.getMetadata().getName())
			.filter((generated) -> generated.startsWith(name)
					&& GENERATED_SUFFIX.matcher(generated.substring(name.length())).matches())
			.map((generated) -> where + ": uses Secret " + name + " but the Secret here is " + generated
					+ "; the generator's name was not applied to this reference")
			.toList();
	}

	private static List<String> addresses(Manifests manifests, String where, String variable, String value) {
		List<String> endpoints = new ArrayList<>();
		if (KAFKA_BOOTSTRAP_SERVERS.equals(variable)) {
			endpoints.addAll(List.of(value.split(",")));
		}
		else {
			Matcher url = URL.matcher(value);
			if (url.matches()) {
				endpoints.add(url.group(1) + ":" + url.group(2));
			}
		}
		List<String> findings = new ArrayList<>();
		for (String endpoint : endpoints) {
			String[] hostAndPort = endpoint.strip().split(":");
			String host = hostAndPort[0].replaceFirst(IN_CLUSTER_SUFFIX, "");
			if (host.contains(".") || hostAndPort.length != 2) {
				continue;
			}
			int port = Integer.parseInt(hostAndPort[1]);
			if (!serves(manifests, host, port)) {
				findings.add(where + ": " + variable + " points at " + endpoint.strip()
						+ ", which is no Service here with that port");
			}
		}
		return findings;
	}

	private static boolean serves(Manifests manifests, String host, int port) {
		Optional<Service> service = manifests.named(Service.class, host);
		if (service.isPresent()) {
			return service.get().getSpec().getPorts().stream().anyMatch((servicePort) -> servicePort.getPort() == port);
		}
		return manifests.all(Kafka.class)
			.stream()
			.filter((kafka) -> host.equals(kafka.getMetadata().getName() + "-kafka-bootstrap"))
			.flatMap((kafka) -> kafka.getSpec().getKafka().getListeners().stream())
			.map(GenericKafkaListener::getPort)
			.anyMatch((listenerPort) -> listenerPort == port);
	}

	private static List<String> selects(Manifests manifests, Service service) {
		Map<String, String> selector = service.getSpec().getSelector();
		if (selector == null || selector.isEmpty()) {
			return List.of();
		}
		List<Manifests.Workload> selected = manifests.workloads()
			.stream()
			.filter((workload) -> workload.template()
				.getMetadata()
				.getLabels()
				.entrySet()
				.containsAll(selector.entrySet()))
			.toList();
		if (selected.isEmpty()) {
			return List.of(Manifests.describe(service) + ": selects no pods here (" + selector + ")");
		}
		List<String> findings = new ArrayList<>();
		for (ServicePort port : service.getSpec().getPorts()) {
			boolean served = selected.stream()
				.flatMap((workload) -> workload.template().getSpec().getContainers().stream())
				.flatMap((container) -> container.getPorts().stream())
				.anyMatch((containerPort) -> targets(port, containerPort));
			if (!served) {
				findings.add(Manifests.describe(service) + ": port " + port.getPort() + " forwards to "
						+ ((port.getTargetPort() != null) ? port.getTargetPort() : port.getPort())
						+ ", which no selected container declares");
			}
		}
		return findings;
	}

	private static boolean targets(ServicePort port, ContainerPort containerPort) {
		if (port.getTargetPort() == null) {
			return Objects.equals(port.getPort(), containerPort.getContainerPort());
		}
		if (port.getTargetPort().getStrVal() != null) {
			return port.getTargetPort().getStrVal().equals(containerPort.getName());
		}
		return Objects.equals(port.getTargetPort().getIntVal(), containerPort.getContainerPort());
	}

	private static List<String> backend(Manifests manifests, String where, IngressServiceBackend backend) {
		Optional<Service> service = manifests.named(Service.class, backend.getName());
		if (service.isEmpty()) {
			return List.of(where + ": routes to Service " + backend.getName() + ", which is not here");
		}
		boolean port = service.get()
			.getSpec()
			.getPorts()
			.stream()
			.anyMatch((servicePort) -> (backend.getPort().getName() != null)
					? backend.getPort().getName().equals(servicePort.getName())
					: Objects.equals(backend.getPort().getNumber(), servicePort.getPort()));
		return port ? List.of()
				: List.of(where + ": routes to a port of Service " + backend.getName() + " that it does not have");
	}

}
