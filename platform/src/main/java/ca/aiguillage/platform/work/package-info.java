/**
 * Background work that runs while the application runs.
 */
@NullMarked
package ca.aiguillage.platform.work;

import org.jspecify.annotations.NullMarked;
