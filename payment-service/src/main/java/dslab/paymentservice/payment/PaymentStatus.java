package dslab.paymentservice.payment;

/** What became of an order's payment; both are final. */
enum PaymentStatus {

	CAPTURED, DECLINED

}
