package ca.aiguillage.notification.delivery;

/** Who a message is for. */
enum Audience {

	/** The person referred. */
	CLIENT

}
