package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.DynamicNode
import java.math.BigDecimal
import java.nio.file.Path
import java.time.Instant
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

/** The canonical instant text of every binding and vector: UTC, exactly three fractional digits. */
private val CANONICAL: DateTimeFormatter =
    DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)

/** `2026-11-23T16:00:00.000Z`; `Instant.toString()` would drop the zero fraction. */
/** The objects of the array `key` of a vector file or case; empty when it has none. */
fun JsonObject.objects(key: String): List<JsonObject> =
    (get(key) as? JsonArray)?.map { it.asJsonObject } ?: emptyList()

/**
 * The tests of the documents under `key` of a vector file that must fail to load with exactly
 * the expected code and message, each read by `load` from its `document` as JSON text.
 */
fun invalidDocuments(
    cases: VectorCases,
    file: Path,
    vectors: JsonObject,
    key: String,
    document: String,
    load: (String) -> Any,
): List<DynamicNode> =
    vectors.objects(key).map { case ->
        cases.test(file, "invalid: ${case.get("name").asString}") {
            val expect = case.getAsJsonObject("expect")
            val error = assertFailsWith<ItsmException> { load(case.get(document).toString()) }
            assertEquals(expect.get("error").asString, error.kindCode)
            assertEquals(expect.get("message").asString, error.errorDetail)
        }
    }

fun canonical(instant: Instant): String = CANONICAL.format(instant)

/** An RFC 3339 instant with an explicit offset (`Z` or `+02:00`), as a user would parse it. */
fun parseInstant(text: String): Instant = OffsetDateTime.parse(text).toInstant()

/** The core's code of an error, from its subclass. */
val ItsmException.kindCode: String
    get() = when (this) {
        is ItsmException.InvalidConfig -> "invalid_config"
        is ItsmException.InvalidInput -> "invalid_input"
        is ItsmException.InvalidArgument -> "invalid_argument"
        is ItsmException.NoWorkingTime -> "no_working_time"
        is ItsmException.OutOfRange -> "out_of_range"
        is ItsmException.VersionConflict -> "version_conflict"
        is ItsmException.CommandRefused -> "command_refused"
    }

/** The `code` field the error carries. */
val ItsmException.errorCode: String
    get() = when (this) {
        is ItsmException.InvalidConfig -> code
        is ItsmException.InvalidInput -> code
        is ItsmException.InvalidArgument -> code
        is ItsmException.NoWorkingTime -> code
        is ItsmException.OutOfRange -> code
        is ItsmException.VersionConflict -> code
        is ItsmException.CommandRefused -> code
    }

/** The core's message the error carries. */
val ItsmException.errorDetail: String
    get() = when (this) {
        is ItsmException.InvalidConfig -> detail
        is ItsmException.InvalidInput -> detail
        is ItsmException.InvalidArgument -> detail
        is ItsmException.NoWorkingTime -> detail
        is ItsmException.OutOfRange -> detail
        is ItsmException.VersionConflict -> detail
        is ItsmException.CommandRefused -> detail
    }

/** The core's error document the error carries. */
val ItsmException.errorDocument: ErrorDocument
    get() = when (this) {
        is ItsmException.InvalidConfig -> document
        is ItsmException.InvalidInput -> document
        is ItsmException.InvalidArgument -> document
        is ItsmException.NoWorkingTime -> document
        is ItsmException.OutOfRange -> document
        is ItsmException.VersionConflict -> document
        is ItsmException.CommandRefused -> document
    }

/**
 * The JSON form of a typed [ErrorDocument], built from its fields the way the core writes the
 * document (`path` and `details` left out when absent), to compare with its `json` text.
 */
fun typedJson(error: ErrorDocument): JsonObject = JsonObject().apply {
    addProperty("code", error.code)
    addProperty("message", error.message)
    error.path?.let { addProperty("path", it) }
    error.details?.let { add("details", JsonParser.parseString(it)) }
}

/**
 * JSON as plain Kotlin values for exact comparison: objects as maps, arrays as lists,
 * numbers as [BigDecimal] (so `1` and `1.0` differ), strings, booleans and null.
 */
fun plain(element: JsonElement): Any? = when (element) {
    is JsonNull -> null
    is JsonObject -> element.entrySet().associate { (key, value) -> key to plain(value) }
    is JsonArray -> element.map { plain(it) }
    is JsonPrimitive -> when {
        element.isBoolean -> element.asBoolean
        element.isNumber -> BigDecimal(element.asString)
        else -> element.asString
    }
    else -> error("unexpected JSON element $element")
}

/**
 * Whether [actual] contains [expected], as tests/vectors/README.md defines it for SLA and
 * availability vectors: an expected object matches an object that has every key it lists, each
 * matching; an expected array matches an array of the same length element by element; numbers
 * match by value, other scalars by equality. Returns null on a match, otherwise the path of the
 * first difference and what differs there.
 */
fun containsJson(actual: JsonElement, expected: JsonElement, path: String = "$"): String? {
    when {
        expected is JsonObject && actual is JsonObject -> {
            for ((key, want) in expected.entrySet()) {
                val here = "$path.$key"
                val got = actual.get(key) ?: return "$here: missing, expected $want"
                containsJson(got, want, here)?.let { return it }
            }
            return null
        }
        expected is JsonArray && actual is JsonArray -> {
            if (actual.size() != expected.size()) {
                return "$path: ${actual.size()} elements, expected ${expected.size()}: $actual"
            }
            for (i in 0 until expected.size()) {
                containsJson(actual[i], expected[i], "$path[$i]")?.let { return it }
            }
            return null
        }
        expected is JsonPrimitive && expected.isNumber && actual is JsonPrimitive && actual.isNumber -> {
            // By value: the same double, or the same decimal (beyond a double's integers).
            val same = actual.asDouble == expected.asDouble ||
                BigDecimal(actual.asString).compareTo(BigDecimal(expected.asString)) == 0
            return if (same) null else "$path: got $actual, expected $expected"
        }
        else -> return if (actual == expected) null else "$path: got $actual, expected $expected"
    }
}

/** Exact equality of two JSON values, numbers by value and object keys in any order. */
fun sameJson(a: JsonElement, b: JsonElement): String? = containsJson(a, b) ?: containsJson(b, a)

private fun instantJson(value: Instant?): JsonElement = value?.let { JsonPrimitive(canonical(it)) } ?: JsonNull.INSTANCE
private fun textJson(value: String?): JsonElement = value?.let { JsonPrimitive(it) } ?: JsonNull.INSTANCE
private fun numberJson(value: Double?): JsonElement = value?.let { JsonPrimitive(it) } ?: JsonNull.INSTANCE
private fun strings(values: List<String>): JsonArray = JsonArray().apply { values.forEach { add(it) } }

/** The JSON form of an enum constant, as the core spells it: `OUTSIDE_HOURS` is `outside_hours`. */
private fun enumJson(value: Enum<*>): JsonPrimitive = JsonPrimitive(value.name.lowercase())

/**
 * The canonical JSON form of a typed [Evaluation], built field by field from the record the way
 * the core's `Evaluation::to_value` writes it, so that it can be compared with `evaluateJson`.
 */
fun typedJson(evaluation: Evaluation): JsonObject = JsonObject().apply {
    addProperty("record", evaluation.record)
    add("now", instantJson(evaluation.now))
    add("matched", strings(evaluation.matched))
    add("selected", strings(evaluation.selected))
    add("metrics", JsonArray().apply { evaluation.metrics.forEach { add(typedJson(it)) } })
    add("next_wakeup", instantJson(evaluation.nextWakeup))
    if (evaluation.warnings.isNotEmpty()) {
        add("warnings", JsonArray().apply {
            evaluation.warnings.forEach {
                add(JsonObject().apply {
                    addProperty("code", it.code)
                    addProperty("path", it.path)
                    addProperty("message", it.message)
                })
            }
        })
    }
}

fun typedJson(metric: MetricResult): JsonObject = JsonObject().apply {
    addProperty("policy", metric.policy)
    add("contract", enumJson(metric.contract))
    addProperty("metric", metric.metric)
    add("name", textJson(metric.name))
    addProperty("kind", metric.kind)
    addProperty("breached", metric.breached)
    addProperty("ever_breached", metric.everBreached)
    add("cycles", JsonArray().apply { metric.cycles.forEach { add(typedJson(it)) } })
}

fun typedJson(cycle: CycleResult): JsonObject = JsonObject().apply {
    addProperty("metric", cycle.metric)
    addProperty("cycle", cycle.cycle)
    add("status", enumJson(cycle.status))
    add("started_at", instantJson(cycle.startedAt))
    add("stopped_at", instantJson(cycle.stoppedAt))
    addProperty("elapsed_ms", cycle.elapsedMs)
    addProperty("elapsed_wall_ms", cycle.elapsedWallMs)
    addProperty("paused_ms", cycle.pausedMs)
    add("paused_by_reason", JsonObject().apply { cycle.pausedByReason.forEach { (k, v) -> addProperty(k, v) } })
    addProperty("goal_ms", cycle.goalMs)
    addProperty("remaining_ms", cycle.remainingMs)
    addProperty("remaining_wall_ms", cycle.remainingWallMs)
    add("percent", numberJson(cycle.percent))
    add("deadline", instantJson(cycle.deadline))
    add("original_deadline", instantJson(cycle.originalDeadline))
    add("deadline_next_opening", instantJson(cycle.deadlineNextOpening))
    add("breached_at", instantJson(cycle.breachedAt))
    addProperty("overrun_ms", cycle.overrunMs)
    add("thresholds", JsonArray().apply {
        cycle.thresholds.forEach {
            add(JsonObject().apply {
                addProperty("name", it.name)
                add("at", instantJson(it.at))
                addProperty("crossed", it.crossed)
            })
        }
    })
    add("next_wakeup", instantJson(cycle.nextWakeup))
    add("explanation", JsonArray().apply {
        cycle.explanation.forEach {
            add(JsonObject().apply {
                add("kind", enumJson(it.kind))
                add("from", instantJson(it.from))
                add("to", instantJson(it.to))
                // The core leaves `reason` out, rather than null, when there is none.
                it.reason?.let { reason -> addProperty("reason", reason) }
            })
        }
    })
}

/** The canonical JSON form of a typed [AvailabilityReport], as the core's `to_value` writes it. */
fun typedJson(report: AvailabilityReport): JsonObject = JsonObject().apply {
    add("period_start", instantJson(report.periodStart))
    add("period_end", instantJson(report.periodEnd))
    addProperty("agreed_ms", report.agreedMs)
    addProperty("agreed_so_far_ms", report.agreedSoFarMs)
    addProperty("downtime_ms", report.downtimeMs)
    add("availability_percent", numberJson(report.availabilityPercent))
    addProperty("target_percent", report.targetPercent)
    addProperty("met", report.met)
    addProperty("allowed_downtime_ms", report.allowedDowntimeMs)
    addProperty("error_budget_remaining_ms", report.errorBudgetRemainingMs)
    add("error_budget_remaining_percent", numberJson(report.errorBudgetRemainingPercent))
    add("burn_rate", numberJson(report.burnRate))
    addProperty("outages_counted", report.outagesCounted)
}

/**
 * JSON text in the core's canonical form, as serde_json writes a value: compact, object keys in
 * sorted order (by their UTF-8 bytes), strings escaped only where JSON requires it (`"`, `\` and
 * control characters; `/`, HTML characters and non-ASCII text unescaped), integers as written.
 * Used to compare a vector's `expect` with the core's text byte for byte.
 */
fun canonicalJson(element: JsonElement): String = StringBuilder().also { writeCanonical(element, it) }.toString()

private val UTF8_ORDER: Comparator<String> = Comparator { a, b ->
    val (x, y) = a.toByteArray(Charsets.UTF_8) to b.toByteArray(Charsets.UTF_8)
    for (i in 0 until minOf(x.size, y.size)) {
        val difference = (x[i].toInt() and 0xff) - (y[i].toInt() and 0xff)
        if (difference != 0) return@Comparator difference
    }
    x.size - y.size
}

private fun writeCanonical(element: JsonElement, out: StringBuilder) {
    when (element) {
        is JsonNull -> out.append("null")
        is JsonObject -> {
            out.append('{')
            element.keySet().sortedWith(UTF8_ORDER).forEachIndexed { i, key ->
                if (i > 0) out.append(',')
                writeString(key, out)
                out.append(':')
                writeCanonical(element.get(key), out)
            }
            out.append('}')
        }
        is JsonArray -> {
            out.append('[')
            element.forEachIndexed { i, item ->
                if (i > 0) out.append(',')
                writeCanonical(item, out)
            }
            out.append(']')
        }
        is JsonPrimitive -> when {
            element.isBoolean -> out.append(element.asBoolean)
            element.isNumber -> out.append(canonicalNumber(element.asString))
            else -> writeString(element.asString, out)
        }
        else -> error("unexpected JSON element $element")
    }
}

/**
 * A number as serde_json writes it: an integer as its digits; any other as the shortest text that
 * reads back as the same double (Java's `Double.toString` and ryu agree on the digits), in ryu's
 * layout: `1.5`, `1e21`, `1.5e-7`.
 */
private fun canonicalNumber(text: String): String {
    if (text.matches(Regex("-?(0|[1-9][0-9]*)"))) return BigDecimal(text).toBigInteger().toString()
    val value = text.toDouble()
    val digits = BigDecimal(value.toString()).stripTrailingZeros()
    val exponent = digits.precision() - digits.scale() - 1
    return if (exponent in -5..15) {
        val plain = digits.toPlainString()
        if ('.' in plain) plain else "$plain.0"
    } else {
        val mantissa = digits.movePointLeft(exponent).toPlainString()
        "${mantissa}e$exponent"
    }
}

private fun writeString(text: String, out: StringBuilder) {
    out.append('"')
    for (c in text) {
        when (c) {
            '"' -> out.append("\\\"")
            '\\' -> out.append("\\\\")
            '\n' -> out.append("\\n")
            '\r' -> out.append("\\r")
            '\t' -> out.append("\\t")
            '\b' -> out.append("\\b")
            '\u000c' -> out.append("\\f")
            else -> if (c < ' ') out.append("\\u%04x".format(c.code)) else out.append(c)
        }
    }
    out.append('"')
}
