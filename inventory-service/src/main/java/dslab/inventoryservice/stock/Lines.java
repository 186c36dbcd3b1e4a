package dslab.inventoryservice.stock;

/** The check the internal line events share as they are built and decoded. */
final class Lines {

	private Lines() {
	}

	static void requireSku(String sku) {
		if (sku == null || sku.isBlank()) {
			throw new IllegalArgumentException("sku must not be blank");
		}
	}

}
