/**
 * Dead letters are work: an administrator lists the events this service's consumers gave
 * up on, with their cause, and replays or discards each, every action recorded.
 */
@NullMarked
package ca.aiguillage.platform.deadletters;

import org.jspecify.annotations.NullMarked;
