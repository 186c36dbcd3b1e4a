package dslab.drill.run;

/** A failure-injection drill: it breaks something on purpose, narrating, and heals it. */
public interface Drill {

	String name();

	/** One line on what the drill teaches. */
	String lesson();

	/** About how long it takes, e.g. {@code "~1 min"}. */
	String duration();

	/**
	 * Drives load and breaks things; the runner then waits until the lab is quiet and
	 * audits it.
	 */
	void run(DrillContext context);

}
