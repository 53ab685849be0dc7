/**
 * The network: the member organizations matching knows, where their sites are, which
 * postal areas they serve, and how far apart postal areas lie.
 */
@NullMarked
package ca.aiguillage.matching.network;

import org.jspecify.annotations.NullMarked;
