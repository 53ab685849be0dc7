/**
 * Login: the sign-in page people see, in French by default and in English on request, and
 * the form login behind it.
 */
@NullMarked
package ca.aiguillage.authorization.login;

import org.jspecify.annotations.NullMarked;
