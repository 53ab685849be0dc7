/**
 * Stand-ins for the outside services notifications use, for the local stack only: an SMTP
 * server and an SMS provider speaking Twilio's Messages API, both printing what they get
 * (addresses masked) instead of delivering it.
 */
@NullMarked
package ca.aiguillage.localstack.stubs;

import org.jspecify.annotations.NullMarked;
