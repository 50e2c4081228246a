# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm, then the
# `java` on PATH. Exits with a message saying what to install when none is found.

coop_java_feature() { # prints the feature release (17, 21, 25, ...) of the JDK at $1
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java\.specification\.version/ {print $2; exit}')
  [ -n "$v" ] && echo "${v%%.*}"
}

coop_find_jdk() {
  local min=21 candidate feature best="" best_feature=0
  if [ -n "${JAVA_HOME:-}" ] && feature=$(coop_java_feature "$JAVA_HOME") && [ "$feature" -ge "$min" ]; then
    return 0
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] || continue
    feature=$(coop_java_feature "$candidate") || continue
    if [ "$feature" -ge "$min" ] && [ "$feature" -gt "$best_feature" ]; then
      best=$candidate best_feature=$feature
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    feature=$(coop_java_feature "$candidate") && [ "$feature" -ge "$min" ] && best=$candidate
  fi
  if [ -z "$best" ]; then
    echo "coopledger needs a JDK $min or newer, and none was found" >&2
    echo "(looked at JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm/*, and javac on PATH)." >&2
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ build," >&2
    echo "or point JAVA_HOME at an existing JDK 21+." >&2
    exit 1
  fi
  export JAVA_HOME=$best
}

coop_find_jdk
