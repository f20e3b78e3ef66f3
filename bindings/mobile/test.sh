#!/usr/bin/env bash
# Tests of the mobile bindings (Kotlin and Swift through uniffi), run from the
# repository root:
#   1. builds the library and the workspace's uniffi-bindgen (debug), and runs
#      the crate's Rust unit tests;
#   2. generates the Kotlin and Swift bindings into <target>/uniffi-gen;
#   3. checks that the Swift bindings are complete (no Swift toolchain here);
#   4. runs the Kotlin tests on the JVM with Maven (JUnit 5, JNA), including
#      every conformance vector in tests/vectors/calendar, tests/vectors/sla,
#      tests/vectors/availability, tests/vectors/batch, tests/vectors/tables,
#      tests/vectors/priority, tests/vectors/workflow, tests/vectors/records,
#      tests/vectors/service, tests/vectors/change and tests/vectors/metrics.
# The build goes to $CARGO_TARGET_DIR when it is set (as cargo does), else to
# <root>/target.
# Needs cargo, a JDK (17+) and Maven; Maven downloads its plugins and test
# dependencies into ~/.m2 on the first run only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
gen="$target/uniffi-gen"
case "$(uname -s)" in Darwin) library="$target/debug/libitsm_mobile.dylib" ;;
    *) library="$target/debug/libitsm_mobile.so" ;; esac

echo "mobile: building itsm-mobile and uniffi-bindgen"
cargo build --quiet -p itsm-mobile --features bindgen

echo "mobile: Rust unit tests of the conversions"
cargo test --quiet -p itsm-mobile --features bindgen --lib

echo "mobile: generating Kotlin and Swift bindings into $gen"
for language in kotlin swift; do
    rm -rf "$gen/$language"
    "$target/debug/uniffi-bindgen" generate "$library" \
        --language "$language" --no-format --out-dir "$gen/$language"
done

# No Swift toolchain here: at least make sure generation produced the module and
# that it carries the API.
swift="$gen/swift"
for file in Itsm.swift ItsmFFI.h ItsmFFI.modulemap; do
    [[ -s "$swift/$file" ]] || { echo "mobile: missing Swift binding $swift/$file" >&2; exit 1; }
done
for symbol in "open class Calendar" "func addBusiness(" "func nextClosing(" "enum ItsmError: Swift.Error" "case InvalidInput(" \
    "public enum WorkingDayMode" "public struct Interval" "public func tzVersion(" \
    "public func parseWorkingDayMode(" "public typealias BusinessDuration = TimeInterval" \
    "public typealias Timestamp = Date" \
    "open class Timeline" "open class PolicySet" "open class Availability" \
    "func evaluate(timeline: Timeline, now: Timestamp, explain: Bool = true, strict: Bool = false)" "func evaluateJson(" "func evaluateBatch(" \
    "func evaluateDocuments(documents: [String], now: Timestamp, explain: Bool = true, strict: Bool = false)" "public struct ErrorDocument" \
    "func lint() -> [Finding]" "func report(periodJson: String, now: Timestamp)" "func reportJson(" \
    "public struct Evaluation" "public struct MetricResult" "public struct CycleResult" \
    "public struct ThresholdResult" "public struct Segment" "public struct BatchItem" \
    "public struct Finding" "public struct AvailabilityReport" "public enum SegmentKind" \
    "public enum Status" "public enum Contract" "public func slaTemplate(" "public func slaTemplates(" \
    "public func slaWaitingForCustomer(" \
    "open class PriorityMatrix" "public struct PriorityAnswer" "public static func itil() -> PriorityMatrix" \
    "open func priority(impact: String, urgency: String, fieldsJson: String? = nil)throws  -> PriorityAnswer" \
    "open func priorityJson(impact: String, urgency: String, fieldsJson: String? = nil)throws  -> String" \
    "open class Workflow" "public static func builtin(name: String)throws  -> Workflow" \
    "open func validate(recordJson: String, request: String, context: WorkflowContext)throws  -> Verdict" \
    "open func allows(recordJson: String, request: String, context: WorkflowContext)throws  -> Bool" \
    "open func available(recordJson: String, context: WorkflowContext)throws  -> [AvailableTransition]" \
    "open func validateJson(recordJson: String, request: String, contextJson: String)throws  -> String" \
    "open func availableJson(recordJson: String, contextJson: String)throws  -> String" \
    "open func category(state: String) -> String?" "public struct Verdict" "public struct Reason" \
    "public struct AvailableTransition" "public struct WorkflowContext" "public struct Actor" \
    "public struct Approval" "public struct Child" "public enum Decision" \
    "public func workflowBuiltinNames() -> [String]" "public func workflowBuiltinDocument(name: String)throws  -> String" \
    "public func lintWorkflowDocument(json: String)throws  -> [Finding]" \
    "public func workflowContextFromJson(json: String)throws  -> WorkflowContext" \
    "public func workflowContextToJson(context: WorkflowContext)throws  -> String" \
    "open class Desk" "public convenience init() {" "public static func fromJson(json: String)throws  -> Desk" \
    "open func executeJson(recordJson: String?, commandJson: String, contextJson: String)throws  -> String" \
    "open func execute(record: Record?, commandJson: String, context: WorkflowContext)throws  -> Outcome" \
    "open func wakeJson(recordJson: String, since: String?, now: String)throws  -> String" \
    "open func wake(record: Record, since: Timestamp?, now: Timestamp)throws  -> String" \
    "open class Outcome" "open func events() -> [String]" "open func eventsJson() -> String" \
    "open class Record" "public static func fromJson(json: String)throws  -> Record" \
    "public static func replayJson(eventsJson: String)throws  -> Record" \
    "open func applyJson(eventsJson: String)throws  -> Record" "open func version() -> UInt64" \
    "open func state() -> String" "open func fieldsJson() -> String" \
    "public func readRecordEventJson(json: String)throws  -> String" \
    "public func automationTemplate(name: String)throws  -> String" "public func automationTemplateNames() -> [String]" \
    "case VersionConflict(" "case CommandRefused(" "reasons: [Reason]" "insteadJson: String?" \
    "open class ServiceGraph:" "open func impactJson(queryJson: String)throws  -> String" \
    "open func apply(changeJson: String)throws" "open class RiskPolicy:" "open func assessJson(changeJson: String)throws  -> String" \
    "open class ChangeWindows:" "open func checkJson(graph: ServiceGraph, changeJson: String)throws  -> String" \
    "open func nextSlotJson(graph: ServiceGraph, queryJson: String, schedule: Schedule? = nil)throws  -> String" \
    "open class Schedule:" "open func conflictsJson(graph: ServiceGraph)throws  -> String" \
    "open func conflictsOfJson(graph: ServiceGraph, changeJson: String)throws  -> String" \
    "open class Metrics:" "public static func fromJson(json: String)throws  -> Metrics " \
    "open func reportJson(recordsJson: String, periodJson: String, now: Timestamp)throws  -> String"; do
    grep -qF "$symbol" "$swift/Itsm.swift" || { echo "mobile: Itsm.swift lacks '$symbol'" >&2; exit 1; }
done
grep -qF "module ItsmFFI" "$swift/ItsmFFI.modulemap" || { echo "mobile: bad ItsmFFI.modulemap" >&2; exit 1; }
echo "mobile: Swift bindings generated (Itsm.swift, ItsmFFI.h, ItsmFFI.modulemap)"

# Each README example is one a Kotlin test runs, line for line:
# example_is_tested WHAT TEST_FILE SECTION_TEXT checks every line of the first
# kotlin block in SECTION_TEXT against bindings/mobile/kotlin/src/test/kotlin/TEST_FILE.
example_is_tested() {
    local what="$1" test_file="$2" example
    example="$(sed -n '/^```kotlin$/,/^```$/p' <<<"$3" | sed '1d;$d')"
    [[ -n "$example" ]] || { echo "mobile: no $what example in the README" >&2; exit 1; }
    while IFS= read -r line; do
        grep -qF -- "$line" "bindings/mobile/kotlin/src/test/kotlin/$test_file" ||
            { echo "mobile: README $what example line not in $test_file: $line" >&2; exit 1; }
    done <<<"$example"
}
example_is_tested SLA SlaTest.kt "$(sed -n '/^## SLA clocks/,/^### /p' bindings/mobile/README.md)"
example_is_tested priority PriorityTest.kt "$(sed -n '/^The priority matrix answers/,/^```$/p' README.md)"
example_is_tested service ServiceTest.kt "$(sed -n '/^The service graph crosses as JSON text/,/^```$/p' README.md)"
example_is_tested metrics MetricsTest.kt "$(sed -n '/^Metrics take the records. facts as a JSON list/,/^```$/p' README.md)"
example_is_tested workflow WorkflowTest.kt "$(sed -n '/^## Workflows/,/^### /p' bindings/mobile/README.md)"
example_is_tested record RecordTest.kt "$(sed -n '/^## Records/,/^| Kotlin/p' bindings/mobile/README.md)"
example_is_tested "Kotlin record" RecordTest.kt \
    "$(sed -n '/^## Kotlin and Swift/,/^### On the JVM/p' README.md | sed -n '/^Records cross as JSON text/,/^```$/p')"

echo "mobile: Kotlin tests (Maven)"
pom="bindings/mobile/kotlin/pom.xml"
reports="bindings/mobile/kotlin/target/surefire-reports"
rm -rf "$reports"
status=0
# (The sed drops the colour resets that Maven 3.8 prints even in batch mode.)
mvn -q -B -Dstyle.color=never -f "$pom" test \
    -Duniffi.gen.dir="$gen/kotlin" \
    -Djna.library.path="$target/debug" \
    -Ditsm.vectors.dir="$root/tests/vectors/calendar" \
    -Ditsm.vectors.root="$root/tests/vectors" 2>&1 \
    | sed -e 's/\x1b\[[0-9;]*m//g' || status=$?

# Maven is quiet on success: print Surefire's totals from its reports.
if compgen -G "$reports/TEST-*.xml" >/dev/null; then
    awk '/<testsuite / {
            for (i = 1; i <= NF; i++) {
                if (split($i, kv, "=") == 2) { gsub(/[">]/, "", kv[2]); count[kv[1]] += kv[2] }
            }
         }
         END {
            failed = count["failures"] + count["errors"]
            printf "kotlin: %d passed, %d failed, %d skipped\n",
                count["tests"] - failed - count["skipped"], failed, count["skipped"]
         }' "$reports"/TEST-*.xml
elif [[ $status -eq 0 ]]; then
    echo "mobile: Maven ran no test" >&2
    status=1
fi
exit "$status"
