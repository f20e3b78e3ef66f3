package itsm

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * Runs every conformance vector in tests/vectors/batch as tests/vectors/README.md describes
 * them: the file's records go through `PolicySet.evaluateDocuments` as one batch with
 * explanations off, and each item's JSON (the core's batch item) must contain the expected item.
 * Each item's typed fields must also say exactly what its JSON says.
 */
class BatchVectorsTest {
    private val root: Path = Paths.get(System.getProperty("itsm.vectors.root") ?: "../../../tests/vectors")

    @TestFactory
    fun batchVectors(): List<DynamicNode> {
        val directory = root.resolve("batch")
        assertTrue(Files.isDirectory(directory), "no vector directory at ${directory.toAbsolutePath()}")
        val files = Files.list(directory).use { paths ->
            paths.filter { it.fileName.toString().endsWith(".json") }.sorted().toList()
        }
        assertTrue(files.isNotEmpty(), "no vector files in ${directory.toAbsolutePath()}")
        return files.map { file -> dynamicContainer(file.fileName.toString(), file.toUri(), testsOf(file).stream()) }
    }

    private fun testsOf(file: Path): List<DynamicNode> {
        val name = file.fileName.toString()
        val document = JsonParser.parseString(Files.readString(file)).asJsonObject
        // Each record as the JSON text a host would hold, keys in file order.
        val records = document.getAsJsonArray("records").map { it.toString() }
        val expected = document.getAsJsonArray("expect")
        val items by lazy {
            val set = document.get("template")?.asString?.let { PolicySet.template(it) }
                ?: PolicySet.fromJson(document.get("policies").toString())
            set.use { it.evaluateDocuments(records, parseInstant(document.get("now").asString), explain = false) }
        }
        val tests = mutableListOf<DynamicNode>(
            dynamicTest("$name / one item per record, in order", file.toUri()) {
                assertEquals(records.size, expected.size(), "the file expects one item per record")
                assertEquals(records.indices.map { it.toLong() }, items.map { it.index })
            },
        )
        expected.forEachIndexed { index, want ->
            tests += dynamicTest("$name / item $index", file.toUri()) {
                val item = items[index]
                val got = JsonParser.parseString(item.json).asJsonObject
                containsJson(got, want)?.let { difference -> fail("$difference\nitem: $got") }
                assertTypedFieldsMatch(item, got)
            }
        }
        return tests
    }

    /** The typed fields of an item say what its JSON text says, field for field. */
    private fun assertTypedFieldsMatch(item: BatchItem, json: JsonObject) {
        assertEquals(json.get("index").asLong, item.index)
        assertEquals(json.get("record").takeUnless { it.isJsonNull }?.asString, item.record)
        val error = json.get("error")
        if (error != null) {
            assertNull(item.evaluation, "an item has an evaluation or an error")
            val typed = assertNotNull(item.error)
            sameJson(typedJson(typed), error)?.let { fail("typed error differs from the item's JSON at $it") }
            assertEquals(error, JsonParser.parseString(typed.json), "the error's own JSON")
        } else {
            assertNull(item.error, "an item has an evaluation or an error")
            val evaluation = assertNotNull(item.evaluation)
            sameJson(typedJson(evaluation), json.get("evaluation"))?.let {
                fail("typed evaluation differs from the item's JSON at $it")
            }
        }
    }
}
