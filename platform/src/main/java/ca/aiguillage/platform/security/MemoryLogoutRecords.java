package ca.aiguillage.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Logout records in this instance's memory, for an application without a database: a
 * logout token ends sign-ins only on the instance it reached.
 */
final class MemoryLogoutRecords implements LogoutRecords {

	private final Map<String, Remembered> records = new ConcurrentHashMap<>();

	private final Clock clock;

	MemoryLogoutRecords(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void remember(String key, Instant at, Instant expires) {
		forgetExpired(this.clock.instant());
		this.records.merge(key, new Remembered(at, expires),
				(old, recent) -> old.at().isAfter(recent.at()) ? old : recent);
	}

	@Override
	public boolean recordOnce(String key, Instant expires) {
		forgetExpired(this.clock.instant());
		return this.records.putIfAbsent(key, new Remembered(Instant.EPOCH, expires)) == null;
	}

	@Override
	public @Nullable Instant recall(String key, Instant now) {
		Remembered remembered = this.records.get(key);
		return (remembered != null && remembered.expires().isAfter(now)) ? remembered.at() : null;
	}

	private void forgetExpired(Instant now) {
		this.records.values().removeIf(remembered -> !remembered.expires().isAfter(now));
	}

	private record Remembered(Instant at, Instant expires) {
	}

}
