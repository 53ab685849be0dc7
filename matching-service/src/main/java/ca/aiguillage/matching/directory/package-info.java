/**
 * The therapist directory: who offers which approaches, languages, clienteles, modalities
 * and weekly hours, how many new clients each can take, and the places already reserved.
 */
@NullMarked
package ca.aiguillage.matching.directory;

import org.jspecify.annotations.NullMarked;
