package dslab.deployment.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The typed resources of one rendered overlay (or one fixture), with the look-ups the
 * rules share.
 *
 * @param source where they were read from, for messages
 * @param resources every document, in order
 */
record Manifests(String source, List<HasMetadata> resources) {

	<T extends HasMetadata> List<T> all(Class<T> kind) {
		return this.resources.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	<T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
		return all(kind).stream().filter((resource) -> name.equals(resource.getMetadata().getName())).findFirst();
	}

	/** Deployments and StatefulSets, each with its pod template. */
	List<Workload> workloads() {
		return Stream
			.concat(all(Deployment.class).stream()
				.map((deployment) -> new Workload(deployment, deployment.getSpec().getTemplate())),
					all(StatefulSet.class).stream()
						.map((statefulSet) -> new Workload(statefulSet, statefulSet.getSpec().getTemplate())))
			.toList();
	}

	/**
	 * The literal environment a container starts with: the ConfigMaps of its
	 * {@code envFrom} that this render holds, then its own {@code env} values (which win,
	 * as in Kubernetes). Values from Secrets are not included.
	 */
	Map<String, String> environment(Container container) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (EnvFromSource source : container.getEnvFrom()) {
			if (source.getConfigMapRef() != null) {
				named(ConfigMap.class, source.getConfigMapRef().getName()).map(ConfigMap::getData)
					.ifPresent(environment::putAll);
			}
		}
		for (EnvVar variable : container.getEnv()) {
			if (variable.getValue() != null) {
				environment.put(variable.getName(), variable.getValue());
			}
		}
		return environment;
	}

	/** "Kind name", the way every message names a resource. */
	static String describe(HasMetadata resource) {
		return resource.getKind() + " " + resource.getMetadata().getName();
	}

	/**
	 * A resource that runs pods.
	 *
	 * @param resource the Deployment or StatefulSet
	 * @param template its pod template
	 */
	record Workload(HasMetadata resource, PodTemplateSpec template) {

		String name() {
			return this.resource.getMetadata().getName();
		}

		String describe() {
			return Manifests.describe(this.resource);
		}

		List<Container> containers() {
			return Stream
				.concat(this.template.getSpec().getInitContainers().stream(),
						this.template.getSpec().getContainers().stream())
				.toList();
		}

	}

}
