package dslab.drill.run;

import java.io.PrintStream;

/**
 * Tells the user, live, what a drill is doing and what to look at meanwhile: each line
 * carries the seconds since the drill began.
 */
public final class Narrator {

	private final PrintStream out;

	private final long started = System.nanoTime();

	public Narrator(PrintStream out) {
		this.out = out;
	}

	/** A step the drill takes now. */
	public void step(String format, Object... arguments) {
		line(">", format, arguments);
	}

	/** What to watch while the step runs: a metric, a log line, a curl. */
	public void watch(String format, Object... arguments) {
		line("  watch:", format, arguments);
	}

	/** A figure or an observation. */
	public void note(String format, Object... arguments) {
		line("  ", format, arguments);
	}

	public double elapsedSeconds() {
		return (System.nanoTime() - this.started) / 1e9;
	}

	public PrintStream out() {
		return this.out;
	}

	private void line(String marker, String format, Object... arguments) {
		this.out.printf("[%6.1fs] %s %s%n", elapsedSeconds(), marker, String.format(format, arguments));
		this.out.flush();
	}

}
