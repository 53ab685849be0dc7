/**
 * Files that hold secrets (keys, logins, lists of suspended accounts): readable by their
 * owner only from the first byte, and never half written.
 */
@NullMarked
package ca.aiguillage.platform.files;

import org.jspecify.annotations.NullMarked;
