package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import java.nio.file.Path
import kotlin.test.assertEquals
import kotlin.test.fail

/**
 * Runs every conformance vector in tests/vectors/service as tests/vectors/README.md describes
 * them: each case applies its changes in order to a graph read from the file's graph (JSON text,
 * keys in file order), then asks its query through `impactJson`; the answer must contain
 * `expect`, or the first refused change or query fails with the expected code and message.
 * `expect_document` is exactly the graph's `toJson()` afterwards. Every invalid graph must fail
 * to load with exactly the code and message given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceVectorsTest {
    private val cases = VectorCases("service")

    @TestFactory
    fun serviceVectors(): List<DynamicNode> = cases.containers(::testsOf)

    /** At least one case ran, and every one counted. */
    @AfterAll
    fun casesRan() = cases.assertRan()

    private fun testsOf(file: Path, document: JsonObject): List<DynamicNode> {
        val tests = mutableListOf<DynamicNode>()
        tests += invalidDocuments(cases, file, document, "invalid_graphs", "graph") { ServiceGraph.fromJson(it) }
        for (case in document.objects("cases")) {
            tests += cases.test(file, case.get("name").asString) {
                val graph = ServiceGraph.fromJson(document.get("graph").toString())
                val expect = case.getAsJsonObject("expect")
                val answer = runCatching {
                    for (change in (case.get("changes") as? JsonArray) ?: JsonArray()) graph.apply(change.toString())
                    case.get("query")?.let { JsonParser.parseString(graph.impactJson(it.toString())) } ?: JsonObject()
                }
                val code = expect.get("error")?.asString
                if (code != null) {
                    val error = answer.exceptionOrNull() as? ItsmException ?: fail("expected $code, got $answer")
                    assertEquals(code, error.kindCode)
                    assertEquals(expect.get("message").asString, error.errorDetail)
                } else {
                    containsJson(answer.getOrThrow(), expect)?.let { fail("$it\nanswer: ${answer.getOrThrow()}") }
                }
                case.get("expect_document")?.let { expected ->
                    sameJson(JsonParser.parseString(graph.toJson()), expected)?.let { fail("document differs at $it") }
                }
            }
        }
        return tests
    }
}
