package dslab.deployment.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Kafka runs in KRaft mode on node pools with at least three controllers and three
 * brokers, every topic of the contract exists as a KafkaTopic with the partitions,
 * replicas, {@code min.insync.replicas} and unclean-election setting of {@link Contract},
 * and every service that talks to Kafka is configured to declare its topics the same way.
 */
final class KafkaRules implements ManifestRule {

	static final String CLUSTER_LABEL = "strimzi.io/cluster";

	/**
	 * What the services must be told, so that they declare topics as the KafkaTopics do.
	 */
	private static final Map<String, Integer> MESSAGING_SETTINGS = Map.of("LAB_MESSAGING_PARTITIONS",
			Contract.PARTITIONS, "LAB_MESSAGING_REPLICATIONFACTOR", Contract.REPLICAS,
			"LAB_MESSAGING_MININSYNCREPLICAS", Contract.MIN_INSYNC_REPLICAS);

	/**
	 * {@code dslab.reliability.kafka.MessagingProperties}: what a service assumes unset.
	 */
	private static final Map<String, Integer> APPLICATION_DEFAULTS = Map.of("LAB_MESSAGING_PARTITIONS", 6,
			"LAB_MESSAGING_REPLICATIONFACTOR", 1, "LAB_MESSAGING_MININSYNCREPLICAS", 1);

	private static final Map<String, String> KRAFT_ANNOTATIONS = Map.of("strimzi.io/kraft", "enabled",
			"strimzi.io/node-pools", "enabled");

	@Override
	public List<String> check(Manifests manifests, Contract contract) {
		List<String> findings = new ArrayList<>();
		List<Kafka> clusters = manifests.all(Kafka.class);
		if (clusters.isEmpty()) {
			findings.add(manifests.source() + ": no Kafka resource");
		}
		for (Kafka kafka : clusters) {
			Map<String, String> annotations = Objects.requireNonNullElse(kafka.getMetadata().getAnnotations(),
					Map.of());
			if (!annotations.entrySet().containsAll(KRAFT_ANNOTATIONS.entrySet())) {
				findings.add(Manifests.describe(kafka) + ": not annotated " + new TreeMap<>(KRAFT_ANNOTATIONS)
						+ " (KRaft mode with node pools)");
			}
			for (ProcessRoles role : ProcessRoles.values()) {
				int nodes = nodes(manifests, kafka.getMetadata().getName(), role);
				if (nodes < Contract.REPLICAS) {
					findings.add(Manifests.describe(kafka) + ": " + nodes + " node(s) with the role " + role.toValue()
							+ " in its KafkaNodePools; topics with " + Contract.REPLICAS + " replicas need "
							+ Contract.REPLICAS);
				}
			}
		}
		for (KafkaNodePool pool : manifests.all(KafkaNodePool.class)) {
			findings.addAll(clusterLabel(manifests, Manifests.describe(pool), pool.getMetadata().getLabels()));
		}
		Set<String> declared = new TreeSet<>();
		for (KafkaTopic topic : manifests.all(KafkaTopic.class)) {
			declared.add(topicName(topic));
			findings.addAll(clusterLabel(manifests, Manifests.describe(topic), topic.getMetadata().getLabels()));
			findings.addAll(settings(topic));
		}
		findings.addAll(messagingSettings(manifests));
		for (String topic : contract.topics()) {
			if (!declared.contains(topic)) {
				findings.add(manifests.source() + ": no KafkaTopic for topic " + topic);
			}
		}
		return findings;
	}

	/** The name of the topic in Kafka: spec.topicName, else the resource's name. */
	static String topicName(KafkaTopic topic) {
		return Objects.requireNonNullElse(topic.getSpec().getTopicName(), topic.getMetadata().getName());
	}

	private static int nodes(Manifests manifests, String cluster, ProcessRoles role) {
		return manifests.all(KafkaNodePool.class)
			.stream()
			.filter((pool) -> cluster.equals(labels(pool.getMetadata().getLabels()).get(CLUSTER_LABEL)))
			.filter((pool) -> pool.getSpec().getRoles().contains(role))
			.mapToInt((pool) -> pool.getSpec().getReplicas())
			.sum();
	}

	private static List<String> clusterLabel(Manifests manifests, String where, Map<String, String> labels) {
		String cluster = labels(labels).get(CLUSTER_LABEL);
		if (cluster == null || manifests.named(Kafka.class, cluster).isEmpty()) {
			return List.of(where + ": label " + CLUSTER_LABEL + "=" + cluster + " names no Kafka here");
		}
		return List.of();
	}

	private static List<String> settings(KafkaTopic topic) {
		List<String> findings = new ArrayList<>();
		String where = Manifests.describe(topic) + " (" + topicName(topic) + ")";
		Map<String, Object> config = Objects.requireNonNullElse(topic.getSpec().getConfig(), Map.of());
		expect(findings, where, "partitions", topic.getSpec().getPartitions(), Contract.PARTITIONS);
		expect(findings, where, "replicas", topic.getSpec().getReplicas(), Contract.REPLICAS);
		expect(findings, where, "min.insync.replicas", config.get("min.insync.replicas"), Contract.MIN_INSYNC_REPLICAS);
		expect(findings, where, "unclean.leader.election.enable", config.get("unclean.leader.election.enable"), false);
		return findings;
	}

	/**
	 * A service that talks to Kafka declares the same topics at start: with settings that
	 * differ from the KafkaTopics, the first one to create a topic decides (a topic with
	 * one replica that the topic operator then cannot repair).
	 */
	private static List<String> messagingSettings(Manifests manifests) {
		List<String> findings = new ArrayList<>();
		for (Manifests.Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				Map<String, String> environment = manifests.environment(container);
				if (!environment.containsKey(ReferenceRules.KAFKA_BOOTSTRAP_SERVERS)) {
					continue;
				}
				String where = workload.describe() + ": container " + container.getName();
				for (Map.Entry<String, Integer> setting : MESSAGING_SETTINGS.entrySet()) {
					String value = environment.getOrDefault(setting.getKey(),
							String.valueOf(APPLICATION_DEFAULTS.get(setting.getKey())));
					expect(findings, where, setting.getKey(), value.strip(), setting.getValue());
				}
			}
		}
		return findings;
	}

	private static void expect(List<String> findings, String where, String setting, Object actual, Object expected) {
		if (!String.valueOf(expected).equals(String.valueOf(actual))) {
			findings.add(where + ": " + setting + " is " + actual + ", expected " + expected);
		}
	}

	private static Map<String, String> labels(Map<String, String> labels) {
		return Objects.requireNonNullElse(labels, Map.of());
	}

}
