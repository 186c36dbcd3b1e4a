package dslab.drill.control;

/**
 * What a drill does to the processes of the lab, whichever way it runs: the local cluster
 * ({@code ./cluster}) or Docker Compose. Names are the services' ({@code order-service},
 * ...) and {@code kafka}.
 */
public interface ClusterControl {

	/** SIGKILL: no graceful shutdown, no shutdown hooks. */
	void kill(String service);

	/** Graceful stop (SIGTERM). */
	void stop(String service);

	/** Start (the caller waits for readiness over HTTP). */
	void start(String service);

	/**
	 * Runs exactly {@code count} instances of a scalable service (inventory-service,
	 * payment-service); returns once new ones are started (the local cluster also waits
	 * until they are ready).
	 */
	void scale(String service, int count);

	/** How many instances of a service run now. */
	int instances(String service);

	/** Whether the process is running (not whether it is ready). */
	boolean isRunning(String service);

	/** Where the lab is, for the report: {@code local} or {@code compose}. */
	String target();

}
