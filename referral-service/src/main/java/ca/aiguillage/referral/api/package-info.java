/**
 * The partner REST API (submit, follow, withdraw, list), the contact lookup for
 * notification-service, its body limit and its OpenAPI description.
 */
@NullMarked
package ca.aiguillage.referral.api;

import org.jspecify.annotations.NullMarked;
