# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 21 or newer, and sets
# COOP_JAVA_FEATURE to its feature release (21, 25, ...).
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm, then the
# `java` on PATH. Exits with a message saying what to install when none is found.
# A JDK's version is read from its `release` file (no JVM is started: `./coop` runs this on every
# command); only a JDK without one is asked with `java -XshowSettings`.

coop_read_feature() { # sets coop_feature to the feature release of the JDK at $1; fails if none
  local line version=""
  coop_feature=""
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=*)
          version=${line#JAVA_VERSION=}
          version=${version//\"/}
          break
          ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$version" ]; then
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      awk -F'= ' '/java\.specification\.version/ {print $2; exit}')
  fi
  version=${version%%.*}
  version=${version%%[!0-9]*}
  [ -n "$version" ] || return 1
  coop_feature=$version
}

coop_java_feature() { # prints the feature release (17, 21, 25, ...) of the JDK at $1
  coop_read_feature "$1" && echo "$coop_feature"
}

coop_find_jdk() {
  local min=21 candidate best="" best_feature=0
  if [ -n "${JAVA_HOME:-}" ] && coop_read_feature "$JAVA_HOME" && [ "$coop_feature" -ge "$min" ]; then
    COOP_JAVA_FEATURE=$coop_feature
    return 0
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] || continue
    coop_read_feature "$candidate" || continue
    if [ "$coop_feature" -ge "$min" ] && [ "$coop_feature" -gt "$best_feature" ]; then
      best=$candidate best_feature=$coop_feature
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    coop_read_feature "$candidate" && [ "$coop_feature" -ge "$min" ] &&
      best=$candidate best_feature=$coop_feature
  fi
  if [ -z "$best" ]; then
    echo "coopledger needs a JDK $min or newer, and none was found" >&2
    echo "(looked at JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm/*, and javac on PATH)." >&2
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ build," >&2
    echo "or point JAVA_HOME at an existing JDK 21+." >&2
    exit 1
  fi
  export JAVA_HOME=$best
  COOP_JAVA_FEATURE=$best_feature
}

coop_find_jdk
