package dslab.inventoryservice.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import dslab.contracts.InventoryEvent;
import dslab.contracts.OrderLine;
import dslab.contracts.OrderPlaced;
import dslab.contracts.PricedLine;
import dslab.contracts.StockRejected;
import dslab.contracts.StockReserved;
import dslab.inventoryservice.stock.LineOutcome.LineRefused;
import dslab.inventoryservice.stock.LineOutcome.LineReserved;
import dslab.inventoryservice.stock.StockMovement.ReleaseLine;
import dslab.inventoryservice.stock.StockMovement.ReserveLine;

/**
 * An order split into one line per SKU, waiting for every SKU's owner to answer, and the
 * rules that join the answers back: all reserved makes {@link StockReserved}; any refused
 * makes {@link StockRejected} with every reason and a {@link ReleaseLine} for each line
 * that was reserved, so a rejected order ends holding nothing (all or nothing, once the
 * releases are applied).
 *
 * @param orderId the order
 * @param customerId who placed it, for {@link StockReserved}
 * @param status PENDING until every line is answered
 * @param lines one per SKU, in SKU order
 */
record OrderJoin(UUID orderId, String customerId, Status status, List<Line> lines) {

	OrderJoin {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(status, "status");
		lines = List.copyOf(lines);
		if (lines.isEmpty()) {
			throw new StockRuleException("order " + orderId + " has no lines to join");
		}
	}

	/**
	 * The order as one line per SKU (quantities of a repeated SKU merged), none answered.
	 */
	static OrderJoin split(OrderPlaced order) {
		SortedMap<String, Integer> quantities = new TreeMap<>();
		for (OrderLine line : order.lines()) {
			quantities.merge(line.sku(), line.quantity(), Math::addExact);
		}
		List<Line> lines = quantities.entrySet()
			.stream()
			.map((line) -> new Line(line.getKey(), line.getValue(), null))
			.toList();
		return new OrderJoin(order.orderId(), order.customerId(), Status.PENDING, lines);
	}

	/** What the splitter asks the SKUs' owners: one reservation per line. */
	List<ReserveLine> reserveLines() {
		return this.lines.stream().map((line) -> new ReserveLine(this.orderId, line.sku(), line.quantity())).toList();
	}

	/** Whether the order still waits for an answer about this SKU. */
	boolean awaits(String sku) {
		return this.status == Status.PENDING
				&& this.lines.stream().anyMatch((line) -> line.sku().equals(sku) && line.answer() == null);
	}

	/**
	 * The join with one more answer.
	 * @throws StockRuleException if the order does not wait for it (not pending, no such
	 * line, already answered, or another quantity reserved than asked)
	 */
	OrderJoin answer(LineOutcome answer) {
		if (!answer.orderId().equals(this.orderId) || !awaits(answer.sku())) {
			throw new StockRuleException("order %s (%s) does not wait for an answer about %s".formatted(this.orderId,
					this.status, answer.sku()));
		}
		List<Line> answered = new ArrayList<>();
		for (Line line : this.lines) {
			if (line.sku().equals(answer.sku())) {
				if (answer instanceof LineReserved reserved && reserved.quantity() != line.quantity()) {
					throw new StockRuleException("order %s asked for %d of %s but %d were reserved"
						.formatted(this.orderId, line.quantity(), line.sku(), reserved.quantity()));
				}
				answered.add(new Line(line.sku(), line.quantity(), answer));
			}
			else {
				answered.add(line);
			}
		}
		return new OrderJoin(this.orderId, this.customerId, this.status, answered);
	}

	long answered() {
		return this.lines.stream().filter((line) -> line.answer() != null).count();
	}

	boolean complete() {
		return answered() == this.lines.size();
	}

	/**
	 * What the inventory tells the saga once every line is answered.
	 * @throws StockRuleException if a line is still unanswered
	 */
	Decision decide() {
		if (!complete()) {
			throw new StockRuleException("order %s has %d of %d lines answered; nothing to decide yet"
				.formatted(this.orderId, answered(), this.lines.size()));
		}
		List<LineRefused> refusals = this.lines.stream()
			.map(Line::answer)
			.filter(LineRefused.class::isInstance)
			.map(LineRefused.class::cast)
			.toList();
		List<LineReserved> reserved = this.lines.stream()
			.map(Line::answer)
			.filter(LineReserved.class::isInstance)
			.map(LineReserved.class::cast)
			.toList();
		if (refusals.isEmpty()) {
			List<PricedLine> priced = reserved.stream()
				.map((line) -> new PricedLine(line.sku(), line.quantity(), line.unitPrice()))
				.toList();
			BigDecimal total = priced.stream().map(PricedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
			return new Decision(Status.RESERVED, new StockReserved(this.orderId, this.customerId, priced, total),
					List.of());
		}
		String reason = refusals.stream().map(LineRefused::reason).collect(Collectors.joining("; "));
		List<ReleaseLine> releases = reserved.stream()
			.map((line) -> new ReleaseLine(this.orderId, line.sku()))
			.toList();
		return new Decision(Status.REJECTED, new StockRejected(this.orderId, reason), releases);
	}

	/** The SKUs whose units the order holds once it is RESERVED. */
	List<String> reservedSkus() {
		return this.lines.stream().filter((line) -> line.answer() instanceof LineReserved).map(Line::sku).toList();
	}

	/**
	 * One SKU of the order.
	 *
	 * @param answer the owner's answer, {@code null} until it came
	 */
	record Line(String sku, int quantity, LineOutcome answer) {
	}

	/**
	 * The outcome of a complete join.
	 *
	 * @param status RESERVED or REJECTED
	 * @param event what to publish on inventory-events
	 * @param releases the compensation: lines reserved of a rejected order, to release
	 */
	record Decision(Status status, InventoryEvent event, List<ReleaseLine> releases) {
	}

	/**
	 * PENDING while lines are unanswered; RESERVED or REJECTED once all are; a RESERVED
	 * order becomes SOLD or RELEASED when its payment is decided.
	 */
	enum Status {

		PENDING, RESERVED, REJECTED, SOLD, RELEASED

	}

}
