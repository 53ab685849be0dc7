package ca.aiguillage.waitlist.queue;

/**
 * An event about a referral the queue has not registered yet, kept in its entry until the
 * referral arrives: its CloudEvents type and its data as it came.
 *
 * @param type the CloudEvents type
 * @param data the event's JSON data
 */
record ParkedEvent(String type, String data) {
}
