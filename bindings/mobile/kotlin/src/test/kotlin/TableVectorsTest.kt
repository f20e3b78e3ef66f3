package itsm

import com.google.gson.JsonElement
import com.google.gson.JsonParser
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * Runs every conformance vector in tests/vectors/tables as tests/vectors/README.md describes
 * them: each case's rows go through `PolicySet.evaluateRowsJson` as the JSON text a host would
 * hold, and the answer must be exactly the expected `{rows, summary}`, or the thrown error's
 * document exactly the expected error.
 */
class TableVectorsTest {
    private val root: Path = Paths.get(System.getProperty("itsm.vectors.root") ?: "../../../tests/vectors")

    @TestFactory
    fun tableVectors(): List<DynamicNode> {
        val directory = root.resolve("tables")
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
        val set by lazy {
            document.get("template")?.asString?.let { PolicySet.template(it) }
                ?: PolicySet.fromJson(document.get("policies").toString())
        }
        return document.getAsJsonArray("cases").map { it.asJsonObject }.map { case ->
            dynamicTest("$name / ${case.get("name").asString}", file.toUri()) {
                val expected = case.getAsJsonObject("expect")
                val answer = runCatching {
                    set.evaluateRowsJson(
                        case.getAsJsonArray("rows").toString(),
                        parseInstant(case.get("now").asString),
                        case.get("options")?.toString(),
                    )
                }
                answer.fold(
                    onSuccess = { text ->
                        if (expected.has("error")) fail("expected ${expected.get("error")}, got $text")
                        assertEquals(expected, JsonParser.parseString(text))
                        assertEquals(canonicalJson(JsonParser.parseString(text)), text, "the answer is canonical JSON")
                    },
                    onFailure = { error ->
                        if (error !is ItsmException) throw error
                        val want: JsonElement = expected.get("error") ?: fail("expected results, got $error")
                        assertEquals(want, JsonParser.parseString(error.errorDocument.json))
                        assertEquals(error.kindCode, error.errorDocument.code)
                    },
                )
            }
        }
    }
}

