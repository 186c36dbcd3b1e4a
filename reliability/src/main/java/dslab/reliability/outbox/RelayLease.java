package dslab.reliability.outbox;

import java.util.concurrent.locks.Lock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * The right to relay a service's outbox, held by one instance at a time: a row in the
 * shared database's {@code int_lock} table ({@link JdbcLockRegistry}), taken with a time
 * to live and renewed by the relay's own thread every round. Several instances share one
 * outbox table; two relays would publish the same rows, each a duplicate the inboxes drop
 * but wasted. An instance that dies keeps the lease until it expires (the registry's time
 * to live, 10 s); one that stops hands it back at once.
 * <p>
 * A lease does not fence a paused holder: a relay frozen for longer than the time to live
 * (a long GC, SIGSTOP) wakes up still believing it holds it and may publish the batch it
 * had read before its next renewal fails. Those copies carry the sequence numbers already
 * stored in their rows (numbers are given under a row lock, once per row), so consumers
 * drop them as duplicates by event id; they never count as out of order.
 */
class RelayLease {

	/** The lock's key in the registry: one lease per service database. */
	static final String KEY = "outbox-relay";

	private static final Logger logger = LoggerFactory.getLogger(RelayLease.class);

	private final JdbcLockRegistry registry;

	private final Lock lock;

	private boolean held;

	RelayLease(JdbcLockRegistry registry) {
		this.registry = registry;
		this.lock = registry.obtain(KEY);
	}

	/**
	 * Takes the lease if it is free or expired, or renews it if this relay holds it; only
	 * the relay's thread calls it, because the lock belongs to the thread that took it.
	 * @return whether this relay holds the lease now
	 */
	boolean hold() {
		if (this.held) {
			try {
				this.registry.renewLock(KEY);
				return true;
			}
			catch (RuntimeException ex) {
				logger.warn("Lost the outbox relay lease (another instance took it after it expired): {}",
						ex.getMessage());
				this.held = false;
				abandon();
				return false;
			}
		}
		this.held = this.lock.tryLock();
		if (this.held) {
			logger.info("Took the outbox relay lease: this instance relays the outbox");
		}
		return this.held;
	}

	boolean held() {
		return this.held;
	}

	/**
	 * Hands the lease back, so another instance takes over without waiting for expiry.
	 */
	void release() {
		if (this.held) {
			this.held = false;
			abandon();
		}
	}

	// Unlocking also frees the thread's local lock; a row another instance now owns stays
	// its own, and the registry says so with an exception that changes nothing here.
	private void abandon() {
		try {
			this.lock.unlock();
		}
		catch (RuntimeException ex) {
			logger.debug("Outbox relay lease was no longer ours: {}", ex.getMessage());
		}
	}

}
