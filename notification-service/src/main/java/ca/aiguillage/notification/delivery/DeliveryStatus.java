package ca.aiguillage.notification.delivery;

/** Where a delivery stands. */
enum DeliveryStatus {

	/** Rendered and logged; sending comes with the channels. */
	RECORDED,
	/** The client can be reached on no channel they consented to. */
	UNREACHABLE

}
