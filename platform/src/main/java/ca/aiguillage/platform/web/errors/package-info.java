/**
 * Error pages people read: 400, 403, 404 and 500 as a French page (English on request)
 * with a way back and, on public pages, the crisis numbers, for every service that serves
 * pages; API callers keep their RFC 9457 problems.
 */
@NullMarked
package ca.aiguillage.platform.web.errors;

import org.jspecify.annotations.NullMarked;
