package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * Runs every conformance vector in tests/vectors/sla and tests/vectors/availability as
 * tests/vectors/README.md describes them: one dynamic test per case, grouped by file. Results are
 * the core's canonical JSON (`evaluateJson`, `reportJson`) and must contain `expect`; documents
 * that must not load must fail with exactly the code and message given. Each successful case also
 * checks that the typed result (`evaluate`, `report`) says exactly what the JSON says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaVectorsTest {
    private val root: Path = Paths.get(System.getProperty("itsm.vectors.root") ?: "../../../tests/vectors")

    /** The core's canonical text of each SLA case's evaluation, by `file / case name`. */
    private val canonical: JsonObject by lazy {
        JsonParser.parseString(Files.readString(root.resolve("canonical/sla.json")))
            .asJsonObject.getAsJsonObject("evaluations")
    }
    private val compared = mutableSetOf<String>()

    @TestFactory
    fun slaVectors(): List<DynamicNode> = filesOf("sla") { file, document -> slaTests(file, document) }

    @TestFactory
    fun availabilityVectors(): List<DynamicNode> =
        filesOf("availability") { file, document -> availabilityTests(file, document) }

    /** One container per vector file; a skipped test when the directory has no files yet. */
    private fun filesOf(area: String, tests: (Path, JsonObject) -> List<DynamicNode>): List<DynamicNode> {
        val directory = root.resolve(area)
        assertTrue(Files.isDirectory(directory), "no vector directory at ${directory.toAbsolutePath()}")
        val files = Files.list(directory).use { paths ->
            paths.filter { it.fileName.toString().endsWith(".json") }.sorted().toList()
        }
        if (files.isEmpty()) {
            return listOf(dynamicTest("no $area vectors yet", directory.toUri()) {
                assumeTrue(false, "no vector files in ${directory.toAbsolutePath()}")
            })
        }
        return files.map { file ->
            val document = try {
                JsonParser.parseString(Files.readString(file)).asJsonObject
            } catch (error: RuntimeException) {
                val nodes = listOf(test(file, "is a JSON object") { fail("$file: $error") })
                return@map dynamicContainer(file.fileName.toString(), file.toUri(), nodes.stream())
            }
            val nodes = tests(file, document).ifEmpty {
                listOf(test(file, "has cases") { fail("$file has no case of any kind") })
            }
            dynamicContainer(file.fileName.toString(), file.toUri(), nodes.stream())
        }
    }

    /** A test named `file.json / name`, so that flat reports still say which file it came from. */
    private fun test(file: Path, name: String, body: () -> Unit): DynamicNode =
        dynamicTest("${file.fileName} / $name", file.toUri()) { body() }

    private fun JsonObject.list(key: String): List<JsonObject> =
        (get(key) as? JsonArray)?.map { it.asJsonObject } ?: emptyList()

    // SLA

    private fun slaTests(file: Path, document: JsonObject): List<DynamicNode> {
        val tests = mutableListOf<DynamicNode>()
        for (case in document.list("invalid_policies")) {
            tests += test(file, "invalid policies: ${case.get("name").asString}") {
                assertRefused(case) { PolicySet.fromJson(case.get("policies").toString()) }
            }
        }
        for (case in document.list("invalid_timelines")) {
            tests += test(file, "invalid timeline: ${case.get("name").asString}") {
                assertRefused(case) { Timeline.fromJson(case.get("timeline").toString()) }
            }
        }
        val hasPolicies = document.has("policies") || document.has("template")
        if (!hasPolicies) {
            if (document.has("cases") || document.has("expect_lint")) {
                tests += test(file, "policies") {
                    fail("$file has cases but neither `policies` nor `template`")
                }
            }
            return tests
        }
        // The file's own JSON text, keys in file order, as a user would pass it.
        val set by lazy {
            document.get("template")?.asString?.let { PolicySet.template(it) }
                ?: PolicySet.fromJson(document.get("policies").toString())
        }
        document.get("expect_lint")?.let { expected ->
            tests += test(file, "lint") {
                val findings = set.lint().map { mapOf("path" to it.path, "code" to it.code) }
                assertEquals(plain(expected), findings, "lint findings (messages: ${set.lint().map { it.message }})")
            }
        }
        for (case in document.list("cases")) {
            val key = "${file.fileName} / ${case.get("name").asString}"
            tests += test(file, case.get("name").asString) { runSlaCase(set, case, key) }
        }
        return tests
    }

    /** Every evaluation of the canonical file was compared byte for byte. */
    @AfterAll
    fun everyCanonicalTextWasCompared() {
        assertEquals(canonical.keySet(), compared, "canonical evaluations not met by an SLA case")
    }

    private fun runSlaCase(set: PolicySet, case: JsonObject, key: String) {
        val now = parseInstant(case.get("now").asString)
        val timeline = try {
            Timeline.fromJson(case.get("timeline").toString())
        } catch (error: ItsmException) {
            return check(case, errorResult(error))
        }
        timeline.use {
            val json = try {
                set.evaluateJson(it, now)
            } catch (error: ItsmException) {
                // The typed call fails the same way.
                val typed = assertFailsWith<ItsmException>("evaluate") { set.evaluate(it, now) }
                assertSameError(error, typed)
                return check(case, errorResult(error))
            }
            val result = JsonParser.parseString(json)
            check(case, result)
            assertEquals(canonical.get(key)?.asString, json, "$key: canonical text")
            synchronized(compared) { compared += key }
            sameJson(typedJson(set.evaluate(it, now)), result)?.let { difference ->
                fail("typed evaluation differs from evaluateJson at $difference")
            }
        }
    }

    // Availability

    private fun availabilityTests(file: Path, document: JsonObject): List<DynamicNode> {
        val tests = mutableListOf<DynamicNode>()
        for (case in document.list("invalid_availability")) {
            tests += test(file, "invalid availability: ${case.get("name").asString}") {
                assertRefused(case) { Availability.fromJson(case.get("availability").toString()) }
            }
        }
        val cases = document.list("cases")
        if (!document.has("availability")) {
            if (cases.isNotEmpty()) {
                tests += test(file, "availability") { fail("$file has cases but no `availability`") }
            }
            return tests
        }
        val availability by lazy { Availability.fromJson(document.get("availability").toString()) }
        for (case in cases) {
            tests += test(file, case.get("name").asString) {
                val period = case.get("period").toString()
                val now = parseInstant(case.get("now").asString)
                val json = try {
                    availability.reportJson(period, now)
                } catch (error: ItsmException) {
                    val typed = assertFailsWith<ItsmException>("report") { availability.report(period, now) }
                    assertSameError(error, typed)
                    return@test check(case, errorResult(error))
                }
                val result = JsonParser.parseString(json)
                check(case, result)
                sameJson(typedJson(availability.report(period, now)), result)?.let { difference ->
                    fail("typed report differs from reportJson at $difference")
                }
            }
        }
        return tests
    }

    // Shared

    /** The result object of a failed evaluation or report: `{"error": code}`. */
    private fun errorResult(error: ItsmException): JsonElement {
        assertEquals(error.kindCode, error.errorCode, "code of ${error::class.simpleName}")
        assertEquals(error.kindCode to error.errorDetail, error.errorDocument.code to error.errorDocument.message)
        return JsonObject().apply { addProperty("error", error.kindCode) }
    }

    /** The typed call and the JSON call fail alike. */
    private fun assertSameError(json: ItsmException, typed: ItsmException) {
        assertEquals(json.kindCode to json.errorDetail, typed.kindCode to typed.errorDetail, "typed and JSON calls fail alike")
    }

    private fun check(case: JsonObject, result: JsonElement) {
        containsJson(result, case.get("expect"))?.let { difference -> fail("$difference\nresult: $result") }
    }

    /** A document that must not load fails with exactly the expected code and message. */
    private fun assertRefused(case: JsonObject, load: () -> AutoCloseable) {
        val result = try {
            load().close()
            mapOf("error" to null)
        } catch (error: ItsmException) {
            assertEquals(error.kindCode, error.errorCode, "code of ${error::class.simpleName}")
            assertEquals(error.kindCode to error.errorDetail, error.errorDocument.code to error.errorDocument.message)
            mapOf("error" to error.kindCode, "message" to error.errorDetail)
        }
        assertEquals(plain(case.get("expect")), result, case.toString())
    }
}
