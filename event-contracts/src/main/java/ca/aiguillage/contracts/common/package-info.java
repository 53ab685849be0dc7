/**
 * Codes and value records shared by several events: clientele, modality, approaches,
 * channels, priorities and weekly time slots.
 */
@NullMarked
package ca.aiguillage.contracts.common;

import org.jspecify.annotations.NullMarked;
