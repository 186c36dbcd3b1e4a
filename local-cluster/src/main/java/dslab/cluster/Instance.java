package dslab.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of a service. A service runs as instance 1 on its own port; a scalable one
 * ({@link ServiceDefinition#scalable()}) may run more, instance {@code i} on port
 * {@code base + 100·(i-1)} (inventory-service-2 on 8183, inventory-service-3 on 8283),
 * with its own pid file and log and its name in its Kafka client id. They share the
 * service's database and consumer group: the consumers are what scales, HTTP keeps going
 * to instance 1.
 *
 * @param service the service
 * @param index 1 for the service's first process, 2 and up for the others
 */
public record Instance(ServiceDefinition service, int index) {

	/** The most instances of one service the 2-core lab machine is asked to run. */
	public static final int MAX = 6;

	/** How far apart the ports of a service's instances are. */
	public static final int PORT_STEP = 100;

	private static final Pattern NUMBERED = Pattern.compile("(.+)-([0-9]+)");

	public Instance {
		if (index < 1 || index > MAX || (index > 1 && !service.scalable())) {
			throw new IllegalArgumentException(
					service.name() + (service.scalable() ? " runs 1 to " + MAX + " instances, not " + index
							: " runs one instance only; " + ServiceDefinition.SCALABLE + " can be scaled"));
		}
	}

	/**
	 * The instance a process name stands for: {@code inventory-service} (instance 1, also
	 * {@code inventory-service-1}) or {@code inventory-service-2}.
	 */
	public static Instance named(String name) {
		Matcher numbered = NUMBERED.matcher(name);
		if (numbered.matches() && ServiceDefinition.SCALABLE.contains(numbered.group(1))) {
			return new Instance(ServiceDefinition.named(numbered.group(1)), Integer.parseInt(numbered.group(2)));
		}
		return new Instance(ServiceDefinition.named(name), 1);
	}

	/**
	 * The process name: the service's for instance 1 (so every command that worked before
	 * scaling still does), {@code <service>-<index>} for the others.
	 */
	public String name() {
		return (this.index == 1) ? this.service.name() : this.service.name() + "-" + this.index;
	}

	/**
	 * The name other tools see: the Kafka client id, and so the partition owner in
	 * {@code ./drill watch}; numbered for every instance of a scalable service.
	 */
	public String clientId() {
		return this.service.scalable() ? this.service.name() + "-" + this.index : this.service.name();
	}

	public int port(ClusterSettings settings) {
		return port(settings.port(this.service.name()), this.index);
	}

	/** Instance {@code index}'s port when instance 1 listens on {@code basePort}. */
	public static int port(int basePort, int index) {
		return basePort + PORT_STEP * (index - 1);
	}

}
