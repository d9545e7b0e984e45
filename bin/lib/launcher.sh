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
#   ntk4j_packaged_classpath MODULE JAR
#                            as ntk4j_classpath, with MODULE/target/JAR (the packaged classes) instead
#                            of MODULE/target/classes when the jar is at least as new as every class
#                            file: class-data sharing archives only classes from jars
#   ntk4j_exec CP MAIN ARGS...  runs the JVM (flags from the caller's array ntk4j_flags) with class-data
#                            sharing (AppCDS): the first run of a class path dumps the classes it loaded
#                            into MODULE/target/cds-HASH.jsa at exit (about a second, once); later runs
#                            map them instead of loading and verifying them again (about 0.8 s of start-up
#                            saved). No archive when the class path holds a directory, or NTK4J_CDS=0.

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

ntk4j_packaged_classpath() {
    local module=$1 jar=$ntk4j_root/$1/target/$2 cp
    cp=$(ntk4j_classpath "$module") || exit 2
    if [ -f "$jar" ] && [ -z "$(find "$ntk4j_root/$module/target/classes" -newer "$jar" -type f -print -quit)" ]; then
        printf '%s:%s\n' "$jar" "${cp#*:}"
    else
        printf '%s\n' "$cp"
    fi
}

ntk4j_exec() {
    local cp=$1 main=$2 entry archive stale=0
    shift 2
    local java
    java=$(ntk4j_java)
    IFS=: read -r -a entries <<<"$cp"
    for entry in "${entries[@]}"; do
        if [ "${NTK4J_CDS:-1}" = 0 ] || [ -d "$entry" ]; then # off, or a class directory: CDS maps jars only
            exec "$java" "${ntk4j_flags[@]}" -cp "$cp" "$main" "$@"
        fi
    done
    # One archive per class path and JVM flags (both must match at run time), in the first entry's target/.
    archive=$(dirname "${entries[0]}")/cds-$(printf '%s\n%s\n%s' "$cp" "${ntk4j_flags[*]}" "$java" | cksum | cut -d' ' -f1).jsa
    if [ -f "$archive" ]; then
        for entry in "${entries[@]}"; do
            if [ "$entry" -nt "$archive" ]; then
                stale=1
                break
            fi
        done
        if [ $stale = 0 ]; then
            exec "$java" -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off "${ntk4j_flags[@]}" \
                -cp "$cp" "$main" "$@"
        fi
    fi
    # Dump this run's classes at exit into a file of its own, then move it in place (runs may overlap).
    # The shell stays (to move the archive), so it passes INT, TERM and HUP on to the JVM, which then
    # exits as it would have without the launcher. INT goes as TERM: a background job of a script
    # ignores SIGINT (and so does the JVM, which keeps an ignored signal ignored); stdin is handed
    # over, since a background job's is /dev/null.
    local rc=0 tmp=$archive.$$ child
    "$java" -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off "${ntk4j_flags[@]}" \
        -cp "$cp" "$main" "$@" <&0 &
    child=$!
    trap 'kill -TERM "$child" 2>/dev/null' INT
    trap 'kill -TERM "$child" 2>/dev/null' TERM
    trap 'kill -HUP "$child" 2>/dev/null' HUP
    while :; do
        rc=0
        wait "$child" || rc=$?
        kill -0 "$child" 2>/dev/null || break # wait returned for a trapped signal while the JVM still runs
    done
    trap - INT TERM HUP
    if [ ! -s "$tmp" ] || ! mv -f "$tmp" "$archive" 2>/dev/null; then
        rm -f "$tmp" 2>/dev/null || true
    fi
    exit $rc
}

