package dslab.deployment.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * The gateway and every consumer scale with a HorizontalPodAutoscaler, and a consumer
 * never scales past the partitions of a topic it reads: a partition goes to one consumer
 * of the group, so {@code maxReplicas} times the listener threads per pod above the
 * partition count only adds idle consumers.
 */
final class AutoscalingRules implements ManifestRule {

	static final String LISTENER_CONCURRENCY = "SPRING_KAFKA_LISTENER_CONCURRENCY";

	@Override
	public List<String> check(Manifests manifests, Contract contract) {
		List<String> findings = new ArrayList<>();
		List<HorizontalPodAutoscaler> autoscalers = manifests.all(HorizontalPodAutoscaler.class);
		for (String service : contract.autoscaled()) {
			if (autoscalers.stream().noneMatch((autoscaler) -> targets(autoscaler, service))) {
				findings.add("Deployment " + service + ": no HorizontalPodAutoscaler scales it");
			}
		}
		for (HorizontalPodAutoscaler autoscaler : autoscalers) {
			String where = Manifests.describe(autoscaler);
			CrossVersionObjectReference target = autoscaler.getSpec().getScaleTargetRef();
			Optional<Deployment> deployment = "Deployment".equals(target.getKind())
					? manifests.named(Deployment.class, target.getName()) : Optional.empty();
			if (deployment.isEmpty()) {
				findings.add(where + ": scales " + target.getKind() + " " + target.getName() + ", which is not here");
				continue;
			}
			int min = Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1);
			int max = autoscaler.getSpec().getMaxReplicas();
			if (min > max) {
				findings.add(where + ": minReplicas " + min + " is above maxReplicas " + max);
			}
			if (deployment.get().getSpec().getReplicas() != null) {
				findings.add(Manifests.describe(deployment.get())
						+ ": sets replicas although an autoscaler owns the count; every apply would reset it");
			}
			Contract.Consumer consumer = contract.consumers().get(target.getName());
			if (consumer != null) {
				findings.addAll(withinPartitions(manifests, where, max, consumer, deployment.get()));
			}
		}
		return findings;
	}

	private static boolean targets(HorizontalPodAutoscaler autoscaler, String deployment) {
		CrossVersionObjectReference target = autoscaler.getSpec().getScaleTargetRef();
		return "Deployment".equals(target.getKind()) && deployment.equals(target.getName());
	}

	private static List<String> withinPartitions(Manifests manifests, String where, int maxReplicas,
			Contract.Consumer consumer, Deployment deployment) {
		List<String> findings = new ArrayList<>();
		int threads = concurrency(manifests, deployment, consumer);
		for (String topic : consumer.topics()) {
			Optional<Integer> partitions = manifests.all(KafkaTopic.class)
				.stream()
				.filter((kafkaTopic) -> topic.equals(KafkaRules.topicName(kafkaTopic)))
				.map((kafkaTopic) -> kafkaTopic.getSpec().getPartitions())
				.filter(Objects::nonNull)
				.findFirst();
			if (partitions.isPresent() && maxReplicas * threads > partitions.get()) {
				findings.add(where + ": maxReplicas " + maxReplicas + " x " + threads
						+ " listener thread(s) per pod exceeds the " + partitions.get() + " partitions of " + topic
						+ "; the consumers beyond them would sit idle");
			}
		}
		return findings;
	}

	private static int concurrency(Manifests manifests, Deployment deployment, Contract.Consumer consumer) {
		return deployment.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.stream()
			.map((container) -> manifests.environment(container).get(LISTENER_CONCURRENCY))
			.filter(Objects::nonNull)
			.map(String::strip)
			.map(Integer::parseInt)
			.max(Integer::compare)
			.orElse(consumer.defaultConcurrency());
	}

}
