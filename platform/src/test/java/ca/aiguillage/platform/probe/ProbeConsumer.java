package ca.aiguillage.platform.probe;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.messaging.Message;

/**
 * The consumer of the probe binding ({@code probe-in-0}): it keeps what it was handed,
 * and fails on the events it is told to, as a consumer whose database is away.
 */
public class ProbeConsumer implements Consumer<Message<byte[]>> {

	private final List<Message<byte[]>> handled = new CopyOnWriteArrayList<>();

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	@Override
	public void accept(Message<byte[]> event) {
		String id = eventId(event);
		if (this.failing.contains(id)) {
			throw new IllegalStateException("the probe's database is away");
		}
		this.handled.add(event);
	}

	public void failOn(String eventId) {
		this.failing.add(eventId);
	}

	public void recover(String eventId) {
		this.failing.remove(eventId);
	}

	public List<Message<byte[]>> handled(String eventId) {
		return this.handled.stream().filter(event -> eventId.equals(eventId(event))).toList();
	}

	private static String eventId(Message<byte[]> event) {
		Object id = event.getHeaders().get("ce_id");
		return (id instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(id);
	}

}
