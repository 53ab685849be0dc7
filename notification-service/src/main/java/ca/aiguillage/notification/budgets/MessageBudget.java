package ca.aiguillage.notification.budgets;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How many messages one budget gave in its current clock hour: one document per
 * destination (keyed by its keyed hash, never the address) and one for all.
 *
 * @param id {@code global}, or the channel and keyed hash of a destination
 * @param hour the clock hour counted, {@code 2026-12-03T17} in UTC
 * @param count messages given in that hour
 */
@Document("message_budgets")
record MessageBudget(@Id String id, String hour, int count) {
}
