package itsm

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.DynamicContainer.dynamicContainer
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.DynamicTest.dynamicTest
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * The cases of one area of tests/vectors as dynamic tests, one container per file, counting the
 * cases that ran: a file that is not a JSON object, or has no case of any kind, is a failing test.
 */
class VectorCases(private val area: String, private val directory: String = area) {
    private val root: Path = Paths.get(System.getProperty("itsm.vectors.root") ?: "../../../tests/vectors")
    private val ran = AtomicInteger()

    /** One container per vector file of the area, its tests made by `testsOf`. */
    fun containers(testsOf: (Path, JsonObject) -> List<DynamicNode>): List<DynamicNode> {
        val folder = root.resolve(directory)
        assertTrue(Files.isDirectory(folder), "no vector directory at ${folder.toAbsolutePath()}")
        val files = Files.list(folder).use { paths ->
            paths.filter { it.fileName.toString().endsWith(".json") }.sorted().toList()
        }
        assertTrue(files.isNotEmpty(), "no vector files in ${folder.toAbsolutePath()}")
        return files.map { file ->
            val nodes = try {
                testsOf(file, JsonParser.parseString(Files.readString(file)).asJsonObject)
            } catch (error: RuntimeException) {
                listOf(test(file, "is a JSON object") { fail("$file: $error") })
            }.ifEmpty { listOf(test(file, "has cases") { fail("$file has no case of any kind") }) }
            dynamicContainer(file.fileName.toString(), file.toUri(), nodes.stream())
        }
    }

    /** A test of `file` named `name`, counted when it passes. */
    fun test(file: Path, name: String, body: () -> Unit): DynamicNode =
        dynamicTest("${file.fileName} / $name", file.toUri()) {
            body()
            ran.incrementAndGet()
        }

    /** At least `atLeast` cases ran (one by default); prints how many. */
    fun assertRan(atLeast: Int = 1) {
        assertTrue(ran.get() > 0, "no $area vector case ran")
        assertTrue(ran.get() >= atLeast, "only ${ran.get()} $area vector cases ran, expected at least $atLeast")
        println("$area vectors: ${ran.get()} cases")
    }
}
