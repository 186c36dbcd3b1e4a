# Sourced by ./cluster, ./drill and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Preference: $JAVA_HOME, then the java on PATH, then the newest JDK in the usual install folders
# (Debian/Ubuntu, SDKMAN!, macOS, Homebrew). Nobody has to set JAVA_HOME by hand.

lab_jdk_major() { # prints the major version of the JDK at $1, or nothing if it is not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

lab_pick_jdk() {
  local candidate major best="" best_major=0
  local -a preferred=()
  [ -n "${JAVA_HOME:-}" ] && preferred+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && preferred+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for candidate in "${preferred[@]}"; do
    major=$(lab_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best=$candidate; break; fi
  done
  if [ -z "$best" ]; then
    for candidate in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
      [ -d "$candidate" ] || continue
      major=$(lab_jdk_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
        best=$candidate; best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "error: no JDK 21 or newer found (looked at \$JAVA_HOME, the java on PATH and the usual install folders)." >&2
    echo "       Install one (e.g. 'apt-get install openjdk-21-jdk' or https://adoptium.net) and try again." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about on every build; the
  # option that silences it does not exist before JDK 23, so it is only set where it is known.
  if [ "$(lab_jdk_major "$JAVA_HOME")" -ge 24 ] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
