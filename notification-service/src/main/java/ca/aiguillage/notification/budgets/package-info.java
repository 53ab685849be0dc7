/**
 * Budgets: how many messages one destination and all self-referred clients together may
 * receive in an hour, so a public form cannot be turned into a message pump.
 */
@NullMarked
package ca.aiguillage.notification.budgets;

import org.jspecify.annotations.NullMarked;
