package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.test.fail

/** The JSON form of a typed [PriorityAnswer], built field by field as the core writes its answer. */
fun typedJson(answer: PriorityAnswer): JsonObject = JsonObject().apply {
    addProperty("priority", answer.priority)
    addProperty("matrix_priority", answer.matrixPriority)
    add("override_applied", answer.overrideApplied?.let { JsonPrimitive(it) } ?: JsonNull.INSTANCE)
    add("override_name", answer.overrideName?.let { JsonPrimitive(it) } ?: JsonNull.INSTANCE)
}

/**
 * Runs every conformance vector in tests/vectors/priority as tests/vectors/README.md describes
 * them: each case's answer (`priorityJson`, the core's JSON text) must contain `expect`, or the
 * call must fail with the expected code; the typed answer (`priority`) must say exactly what the
 * JSON says, field by field. Every invalid matrix must fail to load with exactly the code and
 * message given, and `expect_lint`, when a file has it, is exactly the matrix's `lint()`.
 */
class PriorityVectorsTest {
    private val root: Path = Paths.get(System.getProperty("itsm.vectors.root") ?: "../../../tests/vectors")

    @TestFactory
    fun priorityVectors(): List<DynamicNode> {
        val directory = root.resolve("priority")
        assertTrue(Files.isDirectory(directory), "no vector directory at ${directory.toAbsolutePath()}")
        val files = Files.list(directory).use { paths ->
            paths.filter { it.fileName.toString().endsWith(".json") }.sorted().toList()
        }
        assertTrue(files.isNotEmpty(), "no vector files in ${directory.toAbsolutePath()}")
        return files.map { file ->
            val nodes = testsOf(file).ifEmpty {
                listOf(dynamicTest("${file.fileName} / has cases", file.toUri()) { fail("$file has no case") })
            }
            dynamicContainer(file.fileName.toString(), file.toUri(), nodes.stream())
        }
    }

    private fun JsonObject.list(key: String): List<JsonObject> =
        (get(key) as? JsonArray)?.map { it.asJsonObject } ?: emptyList()

    private fun testsOf(file: Path): List<DynamicNode> {
        val name = file.fileName.toString()
        val document = JsonParser.parseString(Files.readString(file)).asJsonObject
        val tests = mutableListOf<DynamicNode>()
        // The matrix as the JSON text a host would hold, keys in file order.
        val matrix by lazy { PriorityMatrix.fromJson(document.get("matrix").toString()) }
        document.get("expect_lint")?.let { expected ->
            tests += dynamicTest("$name / lint", file.toUri()) {
                // The exact list, in order: path, code and message of each finding.
                assertEquals(plain(expected), plain(findingsJson(matrix.lint())), "lint findings")
            }
        }
        for (case in document.list("cases")) {
            tests += dynamicTest("$name / ${case.get("name").asString}", file.toUri()) {
                runCase(matrix, case)
            }
        }
        for (case in document.list("invalid_matrices")) {
            tests += dynamicTest("$name / invalid: ${case.get("name").asString}", file.toUri()) {
                val expect = case.getAsJsonObject("expect")
                val error = assertFailsWith<ItsmException> { PriorityMatrix.fromJson(case.get("matrix").toString()) }
                assertEquals(expect.get("error").asString, error.kindCode)
                assertEquals(expect.get("error").asString, error.errorCode)
                assertEquals(expect.get("message").asString, error.errorDetail)
            }
        }
        return tests
    }

    private fun runCase(matrix: PriorityMatrix, case: JsonObject) {
        val impact = case.get("impact").asString
        val urgency = case.get("urgency").asString
        val fields: String? = case.get("fields")?.toString()
        val expect: JsonElement = case.get("expect")
        val code = (expect as? JsonObject)?.get("error")?.asString
        if (code != null) {
            val error = assertFailsWith<ItsmException> { matrix.priorityJson(impact, urgency, fields) }
            assertEquals(code, error.kindCode)
            assertEquals(code, error.errorDocument.code)
            val typedError = assertFailsWith<ItsmException> { matrix.priority(impact, urgency, fields) }
            assertEquals(error.errorDocument, typedError.errorDocument)
            return
        }
        val json = JsonParser.parseString(matrix.priorityJson(impact, urgency, fields)).asJsonObject
        containsJson(json, expect)?.let { fail("$it\nanswer: $json") }
        val typed = matrix.priority(impact, urgency, fields)
        sameJson(typedJson(typed), json)?.let { fail("typed answer differs from priorityJson at $it") }
    }
}
