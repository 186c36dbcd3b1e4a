package dslab.deployment.k8s;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the manifests must agree with, as the repository states it: the services, the
 * topics of the event contracts with their dead-letter topics, and who consumes which
 * topic.
 *
 * @param services the Spring Boot applications, each a Deployment of the same name
 * @param topics every topic that must exist, dead-letter topics included
 * @param consumers the services that consume topics, by name
 */
record Contract(Set<String> services, Set<String> topics, Map<String, Consumer> consumers) {

	/** The one service that is reached from outside the cluster. */
	static final String GATEWAY = "gateway";

	/** As {@code dslab.reliability.kafka.TopicDeclarations.DEAD_LETTER_SUFFIX}. */
	static final String DEAD_LETTER_SUFFIX = ".DLT";

	/** {@code lab.messaging.partitions}: its default, which is also its minimum. */
	static final int PARTITIONS = 6;

	/** Replicas of every topic on a three-broker cluster. */
	static final int REPLICAS = 3;

	/**
	 * Writes go on with one broker down; an acknowledged record survives losing one more.
	 */
	static final int MIN_INSYNC_REPLICAS = 2;

	/**
	 * The services that need a HorizontalPodAutoscaler: the gateway and every consumer.
	 */
	Set<String> autoscaled() {
		Set<String> autoscaled = new TreeSet<>(this.consumers.keySet());
		autoscaled.add(GATEWAY);
		return autoscaled;
	}

	/**
	 * A service that consumes topics.
	 *
	 * @param topics the topics its listeners read
	 * @param defaultConcurrency listener threads per instance unless the environment says
	 * otherwise ({@code spring.kafka.listener.concurrency} in its application.properties)
	 */
	record Consumer(Set<String> topics, int defaultConcurrency) {
	}

}
