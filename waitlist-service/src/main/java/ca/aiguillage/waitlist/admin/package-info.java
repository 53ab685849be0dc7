/**
 * Administrators' work pages: the four services' dead letters to replay or discard, and
 * the register of confidentiality incidents that Quebec's Law 25 asks for.
 */
@NullMarked
package ca.aiguillage.waitlist.admin;

import org.jspecify.annotations.NullMarked;
