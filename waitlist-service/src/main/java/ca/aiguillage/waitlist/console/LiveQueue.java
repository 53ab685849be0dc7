package ca.aiguillage.waitlist.console;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.waitlist.queue.QueueChanged;

import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The consoles watching the queue: each is told, by a server-sent event carrying only the
 * referral id, when an entry it may see changed, and fetches its own view again.
 */
@Component
class LiveQueue {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

	private final ApplicationContext context;

	LiveQueue(ApplicationContext context) {
		this.context = context;
	}

	private record Watcher(SseEmitter emitter, Caller caller) {
	}

	SseEmitter watch(Caller caller) {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		Watcher watcher = new Watcher(emitter, caller);
		this.watchers.add(watcher);
		emitter.onCompletion(() -> this.watchers.remove(watcher));
		emitter.onTimeout(() -> this.watchers.remove(watcher));
		emitter.onError(error -> this.watchers.remove(watcher));
		try {
			emitter.send(SseEmitter.event().comment("watching"));
		}
		catch (IOException ex) {
			this.watchers.remove(watcher);
		}
		return emitter;
	}

	@EventListener
	void closing(ContextClosedEvent closed) {
		if (closed.getApplicationContext() != this.context) {
			return;
		}
		// An open stream is an active request: the graceful shutdown would wait for it
		// until its timeout. Browsers reconnect, to another instance if need be.
		for (Watcher watcher : this.watchers) {
			watcher.emitter().complete();
		}
		this.watchers.clear();
	}

	@EventListener
	void changed(QueueChanged change) {
		for (Watcher watcher : this.watchers) {
			if (watcher.caller().isAdmin() || watcher.caller().coordinates(change.organizationId())) {
				try {
					watcher.emitter().send(SseEmitter.event().name("queue").data(change.referralId()));
				}
				catch (IOException | IllegalStateException ex) {
					this.watchers.remove(watcher);
				}
			}
		}
	}

}
