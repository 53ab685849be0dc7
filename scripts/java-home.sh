# Sourced by run-local.sh and run-tests.sh: the build needs a Java 25 JDK. Uses JAVA_HOME when
# it already points at one, else the first Java 25 JDK under /usr/lib/jvm (machines of this kind
# ship Temurin 25 beside OpenJDK 17).
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(java_major "$JAVA_HOME")" != "25" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/*-25-*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" = "25" ]; then
      JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(java_major "$JAVA_HOME")" != "25" ]; then
  echo "Aiguillage builds with Java 25: install a Java 25 JDK (Temurin 25) or set JAVA_HOME to one." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
