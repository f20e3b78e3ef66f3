package itsm

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import java.nio.file.Path
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail

/**
 * Runs every conformance vector in tests/vectors/change as tests/vectors/README.md describes
 * them: each case's input goes through `RiskPolicy.assessJson` as JSON text, and the answer must
 * contain `expect`, or fail with the expected code and message. Every invalid policy must fail to
 * load with exactly the code and message given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeVectorsTest {
    private val cases = VectorCases("change")

    @TestFactory
    fun changeVectors(): List<DynamicNode> = cases.containers(::testsOf)

    /** At least one case ran, and every one counted. */
    @AfterAll
    fun casesRan() = cases.assertRan()

    private fun testsOf(file: Path, document: JsonObject): List<DynamicNode> {
        if (document.has("windows")) return windowTests(file, document)
        val tests = mutableListOf<DynamicNode>()
        tests += invalidDocuments(cases, file, document, "invalid_policies", "policy") { RiskPolicy.fromJson(it) }
        val policy by lazy { RiskPolicy.fromJson(document.get("policy").toString()) }
        for (case in document.objects("cases")) {
            tests += cases.test(file, case.get("name").asString) {
                val expect = case.getAsJsonObject("expect")
                val code = expect.get("error")?.asString
                if (code != null) {
                    val error = assertFailsWith<ItsmException> { policy.assessJson(case.get("input").toString()) }
                    assertEquals(code, error.kindCode)
                    assertEquals(expect.get("message").asString, error.errorDetail)
                } else {
                    val answer = JsonParser.parseString(policy.assessJson(case.get("input").toString()))
                    containsJson(answer, expect)?.let { fail("$it\nanswer: $answer") }
                }
            }
        }
        return tests
    }

    /** Windows over a service graph: each case's answer, `{"conflicts": [...]}` or `{"slot": ...}`. */
    private fun windowTests(file: Path, document: JsonObject): List<DynamicNode> {
        val tests = mutableListOf<DynamicNode>()
        tests += invalidDocuments(cases, file, document, "invalid_windows", "windows") { ChangeWindows.fromJson(it) }
        tests += invalidDocuments(cases, file, document, "invalid_schedules", "schedule") { Schedule.fromJson(it) }
        val graph by lazy { ServiceGraph.fromJson(document.get("graph").toString()) }
        val windows by lazy { ChangeWindows.fromJson(document.get("windows").toString()) }
        val schedule by lazy { Schedule.fromJson(document.get("schedule")?.toString() ?: """{"changes": []}""") }
        for (case in document.objects("cases")) {
            tests += cases.test(file, case.get("name").asString) {
                val expect = case.getAsJsonObject("expect")
                val answer = runCatching {
                    when (case.get("op").asString) {
                        "check" -> JsonObject().apply { add("conflicts", JsonParser.parseString(windows.checkJson(graph, case.get("change").toString()))) }
                        "conflicts" -> JsonObject().apply { add("conflicts", JsonParser.parseString(schedule.conflictsJson(graph))) }
                        "conflicts_of" -> JsonObject().apply { add("conflicts", JsonParser.parseString(schedule.conflictsOfJson(graph, case.get("change").toString()))) }
                        else -> JsonObject().apply { add("slot", JsonParser.parseString(windows.nextSlotJson(graph, case.get("query").toString(), schedule))) }
                    }
                }
                val code = expect.get("error")?.asString
                if (code != null) {
                    val error = answer.exceptionOrNull() as? ItsmException ?: fail("expected $code, got $answer")
                    assertEquals(code, error.kindCode)
                    assertEquals(expect.get("message").asString, error.errorDetail)
                } else {
                    containsJson(answer.getOrThrow(), expect)?.let { fail("$it\nanswer: ${answer.getOrThrow()}") }
                }
            }
        }
        return tests
    }
}
