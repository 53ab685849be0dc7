package ca.aiguillage.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the test's application context at the in-JVM MongoDB wire-protocol server
 * (shared by the JVM), in a database of its own so that contexts do not see each other's
 * data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithEmbeddedMongo {

}
