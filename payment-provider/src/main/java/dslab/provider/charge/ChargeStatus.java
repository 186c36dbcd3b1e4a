package dslab.provider.charge;

/** The outcome of a charge request; both are final. */
enum ChargeStatus {

	CAPTURED, DECLINED

}
