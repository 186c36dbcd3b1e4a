package dslab.drill.control;

import java.io.PrintStream;

import dslab.cluster.LocalCluster;

/**
 * Controls the processes {@code ./cluster up} started, through the same code as
 * {@code ./cluster}.
 */
public final class LocalControl implements ClusterControl {

	private final LocalCluster cluster;

	public LocalControl(LocalCluster cluster) {
		this.cluster = cluster;
	}

	@Override
	public void kill(String service) {
		this.cluster.kill(service);
	}

	@Override
	public void stop(String service) {
		this.cluster.stop(service);
	}

	@Override
	public void start(String service) {
		this.cluster.start(service);
	}

	@Override
	public void scale(String service, int count) {
		this.cluster.scale(service, count);
	}

	@Override
	public int instances(String service) {
		return this.cluster.instances(service).size();
	}

	@Override
	public boolean isRunning(String service) {
		return this.cluster.status().stream().anyMatch((line) -> line.name().equals(service) && line.pid() != null);
	}

	@Override
	public String target() {
		return "local";
	}

	/** A control whose progress lines go to {@code out}. */
	public static LocalControl of(dslab.cluster.ClusterSettings settings, PrintStream out) {
		return new LocalControl(new LocalCluster(settings, out));
	}

}
