package ca.aiguillage.contracts.notification;

/**
 * What notification-service publishes, on
 * {@link ca.aiguillage.contracts.Topics#NOTIFICATION_EVENTS}: every event type of that
 * topic, and no other. A consumer switches over it without a default branch, so a new
 * type breaks the build wherever it is not handled.
 */
public sealed interface NotificationEvent permits DeliveryRecordedV1, ClientAnsweredV1 {

}
