/**
 * The browser-facing headers every answer of every service carries: a strict content
 * security policy with a per-request nonce for the pages' own inline blocks, no framing,
 * no referrer to other sites, HSTS over TLS.
 */
@NullMarked
package ca.aiguillage.platform.web.headers;

import org.jspecify.annotations.NullMarked;
