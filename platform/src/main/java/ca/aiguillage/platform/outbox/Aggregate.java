package ca.aiguillage.platform.outbox;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;

/**
 * The base of every stored aggregate: one MongoDB document holding the state, the ids of
 * the events already applied (so that a redelivery is a no-op) and the outbox of events
 * still to publish. {@link Aggregates} saves all three in one conditional write on
 * {@code version}.
 */
public abstract class Aggregate {

	@Id
	private String id;

	@Version
	private @Nullable Long version;

	private List<String> appliedEventIds = new ArrayList<>();

	private List<OutboxEvent> outbox = new ArrayList<>();

	@Transient
	private List<Object> raised = new ArrayList<>();

	protected Aggregate(String id) {
		this.id = id;
	}

	public String getId() {
		return this.id;
	}

	public @Nullable Long getVersion() {
		return this.version;
	}

	/**
	 * Whether an event is among the latest ones this aggregate applied. Only the latest
	 * few hundred ids are kept ({@code aiguillage.aggregates.kept-event-ids}), so that a
	 * long-lived document (a therapist's) does not grow with every event it ever took.
	 * That is enough: Kafka redelivers what followed a consumer's last committed offset
	 * (a few events per aggregate), and a redelivery older than the window meets a state
	 * that has moved past it, which consumers refuse to move back (a late proposal does
	 * not reopen a confirmed referral, an older directory change is ignored by its time).
	 * @param eventId an incoming event's id
	 * @return true when it was applied and is still remembered
	 */
	public boolean hasApplied(String eventId) {
		return this.appliedEventIds.contains(eventId);
	}

	void markApplied(String eventId, int kept) {
		this.appliedEventIds.add(eventId);
		if (this.appliedEventIds.size() > kept) {
			// The oldest go first: a redelivery is of recent events.
			this.appliedEventIds.subList(0, this.appliedEventIds.size() - kept).clear();
		}
	}

	List<String> appliedEventIds() {
		return List.copyOf(this.appliedEventIds);
	}

	/**
	 * Records an event this change causes; it is stored with the change and published
	 * after.
	 * @param event an event record of the contract
	 */
	protected void raise(Object event) {
		this.raised.add(event);
	}

	/**
	 * The events raised since the aggregate was last saved, for domain tests.
	 * @return the raised events, oldest first
	 */
	public List<Object> raisedEvents() {
		return List.copyOf(this.raised);
	}

	List<Object> drainRaised() {
		List<Object> drained = List.copyOf(this.raised);
		this.raised.clear();
		return drained;
	}

	void addToOutbox(OutboxEvent event) {
		this.outbox.add(event);
	}

	public List<OutboxEvent> getOutbox() {
		return List.copyOf(this.outbox);
	}

}
