package dslab.drill.run;

/** A failure-injection drill: it breaks something on purpose, narrating, and heals it. */
public interface Drill {

	String name();

	/** One line on what the drill teaches. */
	String lesson();

	/** About how long it takes, e.g. {@code "~1 min"}. */
	String duration();

	/**
	 * Orders per second of the drill's load unless {@code ./drill run --rate} says
	 * otherwise.
	 */
	default double defaultRate() {
		return 20;
	}

	/**
	 * Drives load and breaks things; the runner then waits until the lab is quiet and
	 * audits it.
	 */
	void run(DrillContext context);

}
