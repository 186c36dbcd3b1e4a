package dslab.reliability.faults;

/**
 * Ends the process at once, as {@code kill -9} would: no shutdown hooks, nothing flushed.
 * The default is {@link Runtime#halt(int)}; tests declare their own bean to watch a crash
 * without ending the test JVM.
 */
@FunctionalInterface
public interface Halt {

	void halt(int status);

}
