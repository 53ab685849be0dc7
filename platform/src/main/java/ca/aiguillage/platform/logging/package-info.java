/**
 * Writing values that came from outside (message headers, request fields) into logs
 * without letting them forge or hide log lines.
 */
@NullMarked
package ca.aiguillage.platform.logging;

import org.jspecify.annotations.NullMarked;
