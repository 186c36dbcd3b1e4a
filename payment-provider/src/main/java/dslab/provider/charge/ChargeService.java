package dslab.provider.charge;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Decides charges exactly once per idempotency key: the first request with a key is
 * captured or declined and stored; every later one gets the stored answer back.
 */
@Service
class ChargeService {

	private static final Logger logger = LoggerFactory.getLogger(ChargeService.class);

	private final Charges charges;

	private final ChargeRules rules;

	ChargeService(Charges charges, ChargeRules rules) {
		this.charges = charges;
		this.rules = rules;
	}

	ChargeResult charge(String idempotencyKey, ChargeRequest request) {
		var known = this.charges.find(idempotencyKey);
		if (known.isPresent()) {
			return replay(known.get(), request);
		}
		Charge charge = this.rules.declineReason(request)
			.map((reason) -> Charge.declined(idempotencyKey, request, reason))
			.orElseGet(() -> Charge.captured(idempotencyKey, request));
		if (!this.charges.insertIfAbsent(charge)) {
			// A concurrent request with the same key was stored first: its answer is the
			// answer.
			return replay(this.charges.find(idempotencyKey).orElseThrow(), request);
		}
		logger.info("{} {} of {} {} for order {} (key {}){}", charge.status(), charge.chargeId(), charge.amount(),
				charge.currency(), charge.orderId(), idempotencyKey,
				(charge.reason() != null) ? ": " + charge.reason() : "");
		return new ChargeResult(charge, false);
	}

	List<Charge> ledger() {
		return this.charges.ledger();
	}

	List<Charge> ofOrder(UUID orderId) {
		return this.charges.ofOrder(orderId);
	}

	private ChargeResult replay(Charge stored, ChargeRequest request) {
		if (!stored.answers(request)) {
			throw new IdempotencyKeyReusedException(stored.idempotencyKey());
		}
		logger.info("Replayed {} {} for key {}", stored.status(), stored.chargeId(), stored.idempotencyKey());
		return new ChargeResult(stored, true);
	}

	/**
	 * A charge and whether it is a replay of an earlier answer.
	 *
	 * @param charge the charge as stored
	 * @param replayed whether an earlier request with the same key decided it
	 */
	record ChargeResult(Charge charge, boolean replayed) {
	}

}
