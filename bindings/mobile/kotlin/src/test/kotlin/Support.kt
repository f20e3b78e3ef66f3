package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import java.math.BigDecimal
import java.time.Instant
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

/** The canonical instant text of every binding and vector: UTC, exactly three fractional digits. */
private val CANONICAL: DateTimeFormatter =
    DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)

/** `2026-11-23T16:00:00.000Z`; `Instant.toString()` would drop the zero fraction. */
fun canonical(instant: Instant): String = CANONICAL.format(instant)

/** An RFC 3339 instant with an explicit offset (`Z` or `+02:00`), as a user would parse it. */
fun parseInstant(text: String): Instant = OffsetDateTime.parse(text).toInstant()

/** The core's code of an error, from its subclass. */
val ItsmException.kindCode: String
    get() = when (this) {
        is ItsmException.InvalidConfig -> "invalid_config"
        is ItsmException.InvalidArgument -> "invalid_argument"
        is ItsmException.NoWorkingTime -> "no_working_time"
        is ItsmException.OutOfRange -> "out_of_range"
    }

/** The `code` field the error carries. */
val ItsmException.errorCode: String
    get() = when (this) {
        is ItsmException.InvalidConfig -> code
        is ItsmException.InvalidArgument -> code
        is ItsmException.NoWorkingTime -> code
        is ItsmException.OutOfRange -> code
    }

/** The core's message the error carries. */
val ItsmException.errorDetail: String
    get() = when (this) {
        is ItsmException.InvalidConfig -> detail
        is ItsmException.InvalidArgument -> detail
        is ItsmException.NoWorkingTime -> detail
        is ItsmException.OutOfRange -> detail
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
