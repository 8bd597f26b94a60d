#!/usr/bin/env bash
# Makes the compose images' Java 25 base available on a machine without a container registry, and prints the base
# image compose should use (its STACK_JAVA_IMAGE):
#   export STACK_JAVA_IMAGE=$(docker/java25-standin.sh)
#   docker-compose up -d --build
#
# Why it exists: docker/Dockerfile starts from eclipse-temurin:25-jre (.env's STACK_JAVA_IMAGE), which anyone with a
# registry pulls and trains Java 25's AOT cache on. This machine and CI's reach no registry: their only Java image is
# the eclipse-temurin:17-jre stand-in that ../shared/tools/offline-docker.sh builds (Debian bookworm, openjdk-17,
# curl). They do have a JDK 25 installed on the host (what ./stack runs the services on), so this script builds a
# stand-in of eclipse-temurin:25-jre from it. Nothing is downloaded. Users with a registry do not need it: compose pulls
# the real image.
#
# What it does, each step skipped where not needed:
#   1. the wanted image (STACK_JAVA_IMAGE, else .env's) exists: prints it, done;
#   2. it is eclipse-temurin:25-jre, the 17 stand-in exists and the JDK ./stack runs the services on is 25 or newer and
#      has jlink (`./stack java --min 25`: STACK_JAVA=/path/to/bin/java, else java on the PATH if 25+, else the newest
#      25+ under /usr/lib/jvm; STACK_JDK=/path/to/jdk, this script's older name for it, still works): a runtime made
#      with that JDK's jlink (the modules below; --strip-debug --no-man-pages --no-header-files; --generate-cds-archive,
#      the JDK's default CDS archive, which a real JDK image ships) is copied onto the 17 stand-in's Debian base (for
#      its curl and certificates) at Temurin's place,
#      /opt/java/openjdk, and JAVA_HOME and PATH name it; the image is tagged eclipse-temurin:25-jre; prints it;
#   3. otherwise: says why on stderr and prints eclipse-temurin:17-jre (the images then run on Java 17 with an AppCDS
#      archive, as before).
# The old JRE stays in the stand-in's lower layer: removing it in a layer on top would not make the image smaller (its
# files stay in the layer below, which the Java 17 images share anyway), and nothing finds it: PATH and JAVA_HOME name
# the new runtime first, the health check needs only curl. A stand-in is rebuilt only when removed
# (`docker rmi eclipse-temurin:25-jre`): a new host JDK does not replace it by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[java25-standin] %s\n' "$*" >&2; }

DEFAULT_IMAGE=eclipse-temurin:25-jre
FALLBACK_IMAGE=eclipse-temurin:17-jre
wanted=${STACK_JAVA_IMAGE:-$(sed -n 's/^STACK_JAVA_IMAGE=//p' .env)}
wanted=${wanted:-$DEFAULT_IMAGE}

# The modules the services reach: Java SE (Spring and its libraries use java.desktop's java.beans, java.sql,
# java.naming, java.management, java.net.http, ...), and the JDK modules they use at run time: sun.misc.Unsafe
# (jdk.unsupported: Netty, Caffeine), com.sun.management (jdk.management: Micrometer's process and memory meters), JNDI's
# DNS provider (jdk.naming.dns: Netty's resolver falls back to it), extended socket options (jdk.net: Netty), the
# zip file system (jdk.zipfs), the charsets and locale data beyond java.base's (jdk.charsets, jdk.localedata: a site's
# pages in any language). A real JRE image has more (tools, agents) that no service starts. STANDIN_MODULES replaces it.
MODULES=${STANDIN_MODULES:-java.se,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.net,jdk.zipfs,jdk.charsets,jdk.localedata}

fall_back() {
  say "$1"
  say "compose falls back to Java 17 (AppCDS instead of the AOT cache): STACK_JAVA_IMAGE=$FALLBACK_IMAGE"
  echo "$FALLBACK_IMAGE"
  exit 0
}

if docker image inspect "$wanted" >/dev/null 2>&1; then
  echo "$wanted"
  exit 0
fi
[ "$wanted" = "$DEFAULT_IMAGE" ] || fall_back "the image $wanted is missing and only $DEFAULT_IMAGE has a stand-in"
docker image inspect "$FALLBACK_IMAGE" >/dev/null 2>&1 \
  || { say "neither $wanted nor $FALLBACK_IMAGE is here (../shared/tools/offline-docker.sh makes the latter)"; echo "$wanted"; exit 0; }

# The JDK: the one ./stack picks for the services (one definition of that search, ./stack's service_java), 25 or newer.
[ -z "${STACK_JDK:-}" ] || export STACK_JAVA=$STACK_JDK/bin/java
java=$(./stack java --min 25) \
  || fall_back "no image $wanted here and no JDK 25 or newer (./stack java --min 25; STACK_JAVA names one)"
jdk=$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)
[ -x "$jdk/bin/jlink" ] || fall_back "$jdk (./stack java) has no jlink: a JDK is needed (STACK_JAVA names one)"

work=$(mktemp -d /tmp/java25-standin.XXXXXX)
trap 'rm -rf "$work"' EXIT
say "building a stand-in of $wanted from $jdk (jlink, then onto $FALLBACK_IMAGE's Debian base; about a minute)"
"$jdk/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
  --output "$work/jre" >"$work/jlink.log" 2>&1 \
  || { cat "$work/jlink.log" >&2; fall_back "jlink failed"; }
version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release")
cat >"$work/Dockerfile" <<EOF
FROM $FALLBACK_IMAGE
COPY jre /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \\
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    JAVA_VERSION=$version
LABEL org.opencontainers.image.description="Local stand-in of $wanted: a jlink runtime of $jdk on $FALLBACK_IMAGE (docker/java25-standin.sh)"
RUN java -version
EOF
docker build -q -t "$wanted" "$work" >/dev/null 2>"$work/build.log" \
  || { cat "$work/build.log" >&2; fall_back "the stand-in's docker build failed"; }
say "built $wanted (Java $version, $(du -sh "$work/jre" | cut -f1) runtime)"
echo "$wanted"
