/**
 * RFC 9457 problem details in French (default) and English for every service's HTTP API,
 * and formula-safe CSV cells for its exports.
 */
@NullMarked
package ca.aiguillage.platform.web;

import org.jspecify.annotations.NullMarked;
