/**
 * The coordinators' console: server-rendered pages (Thymeleaf and htmx) over the queue
 * and the actions, signed in through the authorization server, refreshed live by
 * server-sent events, in French by default and in English.
 */
@NullMarked
package ca.aiguillage.waitlist.console;

import org.jspecify.annotations.NullMarked;
