package itsm

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import java.nio.file.Path
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * Runs every conformance vector in tests/vectors/metrics as tests/vectors/README.md describes
 * them: each case's metrics document (its own, else the file's, else `{}`) goes through
 * `Metrics.fromJson`, and its records (its own, else the file's, else `[]`) and period through
 * `reportJson` as JSON text, with `now` as an `Instant`. The answer is the core's canonical JSON
 * text and must contain `expect`; an expected error is exactly `{"error": code, "message":
 * message}` of the thrown exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsVectorsTest {
    private val cases = VectorCases("metrics")

    @TestFactory
    fun metricsVectors(): List<DynamicNode> = cases.containers(::testsOf)

    /** Every case of every file ran, and there are as many as the core's runner counts. */
    @AfterAll
    fun casesRan() = cases.assertRan(atLeast = 60)

    private val fileKeys = setOf("description", "metrics", "records", "cases")
    private val caseKeys = setOf("name", "metrics", "records", "period", "now", "expect")

    private fun testsOf(file: Path, document: JsonObject): List<DynamicNode> {
        val tests = mutableListOf<DynamicNode>()
        val unknown = document.keySet() - fileKeys
        if (unknown.isNotEmpty()) {
            tests += cases.test(file, "keys") { fail("$file: keys the runner does not read: $unknown") }
        }
        for (case in document.objects("cases")) {
            tests += cases.test(file, case.get("name").asString) {
                val extra = case.keySet() - caseKeys
                assertTrue(extra.isEmpty(), "case keys the runner does not read: $extra")
                val expect = case.getAsJsonObject("expect")
                val answer = answer(
                    metricsJson = (case.get("metrics") ?: document.get("metrics"))?.toString() ?: "{}",
                    recordsJson = (case.get("records") ?: document.get("records"))?.toString() ?: "[]",
                    periodJson = case.get("period").toString(),
                    now = case.get("now").asString,
                )
                if (expect.has("error")) {
                    assertEquals(plain(expect), plain(answer), "error: got $answer")
                } else {
                    if (answer is JsonObject && answer.has("error")) fail("expected a report, got $answer")
                    containsJson(answer, expect)?.let { fail("$it\nreport: $answer") }
                }
            }
        }
        return tests
    }

    /** The report read back from its JSON text, which must be canonical, or the thrown error. */
    private fun answer(metricsJson: String, recordsJson: String, periodJson: String, now: String): JsonElement =
        try {
            Metrics.fromJson(metricsJson).use { metrics ->
                val text = metrics.reportJson(recordsJson, periodJson, parseInstant(now))
                JsonParser.parseString(text).also { report ->
                    assertEquals(canonicalJson(report), text, "the report is canonical JSON")
                }
            }
        } catch (error: ItsmException) {
            recordErrorJson(error)
        }
}
