/**
 * MongoDB settings every service shares: durable writes and a health check both stores
 * answer.
 */
@NullMarked
package ca.aiguillage.platform.mongo;

import org.jspecify.annotations.NullMarked;
