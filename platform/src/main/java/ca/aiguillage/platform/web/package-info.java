/**
 * RFC 9457 problem details in French (default) and English for every service's HTTP API.
 */
@NullMarked
package ca.aiguillage.platform.web;

import org.jspecify.annotations.NullMarked;
