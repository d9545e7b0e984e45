# Shared by the ntk4j launchers (bin/ntk4j, bin/ntk4j-example, bin/ntk4j-jshell); source it, do not run it.
#
# After sourcing, with the repository root as the first argument:
#   ntk4j_classpath MODULE   prints MODULE/target/classes plus MODULE/target/classpath.txt, or exits 2
#                            with a hint when the build output is missing or stale
#   ntk4j_jvm_flags          prints the JVM flags: the root pom's ntk4j.jvm.flags as the build recorded
#                            them in cli/target/classes/org/ntk4j/cli/build.properties (the copy below
#                            is the fallback), then $NTK4J_JAVA_OPTS, so a flag given there wins
#   ntk4j_java               prints the JVM: $JAVA_HOME/bin/java when JAVA_HOME is set, else java
#   ntk4j_spark_classpath    prints the Spark jars the cli build listed in cli/target/spark-classpath.txt
#                            (for 'kernel --spark'), or nothing when that list is missing, empty or stale
#   ntk4j_spark_flags        prints the --add-opens flags Spark needs on Java 17 (the root pom's
#                            spark.jvm.flags, as the build recorded them)

ntk4j_root=$1
ntk4j_default_flags="--add-modules=jdk.incubator.vector -Xmx6g -Dorg.bytedeco.javacpp.maxphysicalbytes=16G -Dorg.bytedeco.javacpp.maxbytes=12G -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
ntk4j_hint="run 'mvn -B -q package -DskipTests' in $ntk4j_root first"

ntk4j_classpath() {
    local module=$1
    local classes=$ntk4j_root/$module/target/classes
    local cpfile=$ntk4j_root/$module/target/classpath.txt
    if [ ! -d "$classes/org/ntk4j" ] || [ ! -s "$cpfile" ]; then
        echo "ntk4j: build output not found ($module/target); $ntk4j_hint" >&2
        exit 2
    fi
    local deps entry
    deps=$(<"$cpfile")
    IFS=: read -r -a entries <<<"$deps"
    for entry in "${entries[@]}"; do
        if [ ! -e "$entry" ]; then
            echo "ntk4j: build output is stale ($entry is missing); $ntk4j_hint" >&2
            exit 2
        fi
    done
    printf '%s:%s\n' "$classes" "$deps"
}

ntk4j_jvm_flags() {
    local flags
    flags=$(sed -n 's/^jvm\.flags=//p' "$ntk4j_root/cli/target/classes/org/ntk4j/cli/build.properties" 2>/dev/null || true)
    case $flags in '' | *'${'*) flags=$ntk4j_default_flags ;; esac
    printf '%s %s\n' "$flags" "${NTK4J_JAVA_OPTS:-}"
}

ntk4j_java() {
    if [ -n "${JAVA_HOME:-}" ]; then
        printf '%s\n' "$JAVA_HOME/bin/java"
    else
        printf 'java\n'
    fi
}

ntk4j_spark_classpath() {
    local cpfile=$ntk4j_root/cli/target/spark-classpath.txt entry
    [ -s "$cpfile" ] || return 0
    local deps
    deps=$(<"$cpfile")
    IFS=: read -r -a entries <<<"$deps"
    for entry in "${entries[@]}"; do
        [ -e "$entry" ] || return 0
    done
    printf '%s\n' "$deps"
}

ntk4j_spark_flags() {
    sed -n 's/^spark\.jvm\.flags=//p' "$ntk4j_root/cli/target/classes/org/ntk4j/cli/build.properties" 2>/dev/null || true
}
