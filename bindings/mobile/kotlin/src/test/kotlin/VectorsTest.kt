package itsm

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import java.math.BigDecimal
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.Duration
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * Runs every conformance vector in tests/vectors/calendar (see tests/vectors/README.md):
 * one dynamic test per case, grouped by file. Each case's result object is built the
 * way the README describes and compared with `expect` for exact equality.
 */
class VectorsTest {
    private val directory: Path =
        Paths.get(System.getProperty("itsm.vectors.dir") ?: "../../../tests/vectors/calendar")

    @TestFactory
    fun calendarVectors(): List<DynamicNode> {
        assertTrue(Files.isDirectory(directory), "no vector directory at ${directory.toAbsolutePath()}")
        val files = Files.list(directory).use { paths ->
            paths.filter { it.fileName.toString().endsWith(".json") }.sorted().toList()
        }
        assertTrue(files.isNotEmpty(), "no vector files in ${directory.toAbsolutePath()}")
        return files.map { file ->
            dynamicContainer(file.fileName.toString(), file.toUri(), testsOf(file).stream())
        }
    }

    private fun testsOf(file: Path): List<DynamicNode> {
        val document = JsonParser.parseString(Files.readString(file)).asJsonObject
        val tests = mutableListOf<DynamicNode>()
        if (document.has("cases")) {
            // The calendar's own JSON text, keys in file order, as a user would pass it.
            val calendar by lazy { Calendar.fromJson(document.get("calendar").toString()) }
            for (element in document.getAsJsonArray("cases")) {
                val case = element.asJsonObject
                tests += dynamicTest(case.get("name").asString, file.toUri()) {
                    assertEquals(plain(case.get("expect")), run(calendar, case), case.toString())
                }
            }
        }
        if (document.has("invalid_calendars")) {
            for (element in document.getAsJsonArray("invalid_calendars")) {
                val case = element.asJsonObject
                tests += dynamicTest(case.get("name").asString, file.toUri()) {
                    val error = assertFailsWith<ItsmException>(case.toString()) {
                        Calendar.fromJson(case.get("calendar").toString())
                    }
                    assertEquals(error.kindCode, error.errorCode, "code of ${error::class.simpleName}")
                    val result = mapOf("error" to error.kindCode, "message" to error.errorDetail)
                    assertEquals(plain(case.get("expect")), result, case.toString())
                }
            }
        }
        if (tests.isEmpty()) {
            tests += dynamicTest("has cases or invalid_calendars", file.toUri()) {
                fail("$file has neither `cases` nor `invalid_calendars`")
            }
        }
        return tests
    }

    /** The result object of one case: its value on success, `{"error": code}` on failure. */
    private fun run(calendar: Calendar, case: JsonObject): Map<String, Any?> {
        fun instant(key: String): Instant = parseInstant(case.get(key).asString)
        fun duration(): Duration = Duration.ofMillis(case.get("duration_ms").asLong)
        fun instantResult(value: Instant?): Map<String, Any?> = mapOf("instant" to value?.let(::canonical))
        return try {
            when (val op = case.get("op").asString) {
                "business_duration" -> {
                    val worked = calendar.businessDuration(instant("start"), instant("end"))
                    mapOf("duration_ms" to BigDecimal.valueOf(worked.toMillis()))
                }
                "add_business" -> instantResult(calendar.addBusiness(instant("start"), duration()))
                "subtract_business" -> instantResult(calendar.subtractBusiness(instant("end"), duration()))
                "add_working_days" -> {
                    // The mode arrives as text, as from a configuration document.
                    val mode = parseWorkingDayMode(case.get("mode").asString)
                    instantResult(calendar.addWorkingDays(instant("start"), case.get("days").asLong, mode))
                }
                "is_working" -> mapOf("working" to calendar.isWorking(instant("at")))
                "next_opening" -> instantResult(calendar.nextOpening(instant("at")))
                "next_closing" -> instantResult(calendar.nextClosing(instant("at")))
                "working_intervals" -> mapOf(
                    "intervals" to calendar.workingIntervals(instant("start"), instant("end"))
                        .map { listOf(canonical(it.start), canonical(it.end)) },
                )
                else -> fail("unknown op `$op`")
            }
        } catch (error: ItsmException) {
            assertEquals(error.kindCode, error.errorCode, "code of ${error::class.simpleName}")
            mapOf("error" to error.kindCode)
        }
    }
}
