package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import java.nio.file.Path
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * The error a call raised, as the record vectors write an expected one: `{"error": code,
 * "message": message, "details": {...}}` (details when the error has any). Checks on the way that
 * the exception's own fields say what its document says: the code of its class, its message, and
 * for `VersionConflict` and `CommandRefused` the typed fields against the document's details.
 */
fun recordErrorJson(error: ItsmException): JsonObject {
    assertEquals(error.kindCode, error.errorCode, "code of ${error::class.simpleName}")
    val document = error.errorDocument
    assertEquals(error.kindCode to error.errorDetail, document.code to document.message)
    assertNull(sameJson(typedJson(document), JsonParser.parseString(document.json)), "typed error document against its json")
    assertEquals(canonicalJson(JsonParser.parseString(document.json)), document.json, "error document json is canonical")
    val details = document.details?.let { JsonParser.parseString(it).asJsonObject }
    when (error) {
        is ItsmException.VersionConflict -> {
            assertEquals(details?.get("expected")?.asLong, error.expected.toLong(), "expected version")
            assertEquals(details?.get("actual")?.asLong, error.actual.toLong(), "actual version")
        }
        is ItsmException.CommandRefused -> {
            assertEquals(details?.get("command")?.asString, error.command, "refused command")
            val reasons = JsonArray().apply { error.reasons.forEach { add(typedJson(it)) } }
            assertNull(sameJson(reasons, details!!.get("reasons")), "typed reasons against the details")
            assertEquals(details.get("instead")?.let { canonicalJson(it) }, error.insteadJson, "command to give instead")
        }
        else -> {}
    }
    return JsonObject().apply {
        addProperty("error", error.kindCode)
        addProperty("message", error.errorDetail)
        details?.let { add("details", it) }
    }
}

/**
 * Runs every conformance vector in tests/vectors/records as tests/vectors/README.md describes
 * them ("Record vectors"), through the JSON entry points (`Desk.executeJson`, `Desk.wakeJson`,
 * `Record.replayJson`, `Record.applyJson`, `Record.fromJson`, `readRecordEventJson`) and, beside them,
 * through the object ones (`Desk.execute` with a `Record` and a typed context, `Desk.wake` with
 * `Instant`s), which must answer the same text byte for byte.
 *
 * - `desk`: the file's desk (`Desk.fromJson`), else the default one (`Desk()`).
 * - `given`: commands executed in order from no record, each of which must succeed; each
 *   outcome's record is the record of the next step, and every event of every outcome is kept.
 * - `op`: `execute`, `wake`, `replay`, `apply`, `load_record` or `load_event`; `expect` a result
 *   matched by containment (every key of an expected object present and matching, lists of the
 *   same length element by element, numbers by value), or an error: the exact code and message,
 *   and the error's details containing the expected `details`.
 * - After each successful `execute`: replaying every event so far gives a record whose JSON text
 *   is the outcome's record's, byte for byte; so does applying the outcome's events to the given
 *   record; reading the record's text and writing it again gives the same text. After a refused
 *   one, the given record's text is unchanged.
 * - `invalid_desks`: `Desk.fromJson` fails with the expected error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordVectorsTest {
    private val cases = VectorCases("record", "records")

    @TestFactory
    fun recordVectors(): List<DynamicNode> = cases.containers(::testsOf)

    /** At least one case ran, and every one counted. */
    @AfterAll
    fun casesRan() = cases.assertRan()

    private fun test(file: Path, name: String, body: () -> Unit): DynamicNode = cases.test(file, name, body)

    private fun JsonObject.list(key: String): List<JsonObject> =
        (get(key) as? JsonArray)?.map { it.asJsonObject } ?: emptyList()

    private val known = setOf("description", "desk", "cases", "invalid_desks")
    private val caseKeys = setOf("name", "given", "op", "command", "context", "since", "now", "events", "document", "expect")

    private fun testsOf(file: Path, document: JsonObject): List<DynamicNode> {
        val tests = mutableListOf<DynamicNode>()
        val unknown = document.keySet() - known
        if (unknown.isNotEmpty()) {
            tests += test(file, "keys") { fail("$file: keys the README does not define: $unknown") }
        }
        for (case in document.list("invalid_desks")) {
            tests += test(file, "invalid desk: ${case.get("name").asString}") {
                val got = outcome { Desk.fromJson(case.get("desk").toString()).use { JsonPrimitive("loaded") } }
                assertMatches(case.get("expect"), got)
            }
        }
        val names = document.list("cases").map { it.get("name").asString }
        if (names.toSet().size != names.size) {
            tests += test(file, "case names") { fail("$file: case names repeat: ${names.groupBy { it }.filter { it.value.size > 1 }.keys}") }
        }
        // The file's desk, as its own JSON text; loaded once, on first use.
        val desk by lazy { document.get("desk")?.let { Desk.fromJson(it.toString()) } ?: Desk() }
        for (case in document.list("cases")) {
            tests += test(file, case.get("name").asString) {
                val extra = case.keySet() - caseKeys
                assertTrue(extra.isEmpty(), "case keys the README does not define: $extra")
                run(desk, case)
            }
        }
        return tests
    }

    /** What `given` leaves: the record (its object and its text) and every event's text so far. */
    private class Held(val record: Record?, val text: String?, val events: List<String>)

    private fun given(desk: Desk, case: JsonObject): Held {
        var record: Record? = null
        var text: String? = null
        val events = mutableListOf<String>()
        for ((i, step) in case.list("given").withIndex()) {
            val contextJson = step.get("context").toString()
            val json = try {
                desk.executeJson(text, step.get("command").toString(), contextJson)
            } catch (error: ItsmException) {
                fail("given[$i] must succeed: ${recordErrorJson(error)}")
            }
            val outcome = desk.execute(record, step.get("command").toString(), workflowContextFromJson(contextJson))
            assertEquals(json, outcome.toJson(), "given[$i]: execute and executeJson")
            record = outcome.record()
            text = record.toJson()
            assertEquals(canonicalJson(JsonParser.parseString(json).asJsonObject.get("record")), text, "given[$i]: record text")
            events += outcome.events()
        }
        return Held(record, text, events)
    }

    private fun run(desk: Desk, case: JsonObject) {
        val held = given(desk, case)
        val expect = case.get("expect")
        when (val op = case.get("op").asString) {
            "execute" -> runExecute(desk, case, held, expect)
            "wake" -> {
                val text = held.text ?: fail("wake needs a record: give `given`")
                val since = case.get("since")?.takeUnless { it.isJsonNull }?.asString
                val now = case.get("now").asString
                val json = outcomeText { desk.wakeJson(text, since, now) }
                // The same with host instants, when the texts parse as instants.
                val instants = runCatching { since?.let { parseInstant(it) } to parseInstant(now) }.getOrNull()
                if (instants != null) {
                    assertEquals(json, outcomeText { desk.wake(held.record!!, instants.first, instants.second) }, "wake and wakeJson")
                }
                assertMatches(expect, parsed(json))
            }
            "replay" -> {
                assertTrue(held.events.isEmpty(), "replay takes no `given`")
                val got = outcome { recordJson(Record.replayJson(case.get("events").toString())) }
                assertMatches(expect, got)
            }
            "apply" -> {
                val record = held.record ?: fail("apply needs a record: give `given`")
                val got = outcome { recordJson(record.applyJson(case.get("events").toString())) }
                assertMatches(expect, got)
                assertEquals(held.text, record.toJson(), "apply leaves the record unchanged")
            }
            "load_record" -> assertMatches(expect, outcome { recordJson(Record.fromJson(case.get("document").toString())) })
            "load_event" -> assertMatches(expect, outcome {
                val text = readRecordEventJson(case.get("document").toString())
                assertEquals(text, readRecordEventJson(text), "an event's text reads back to itself")
                JsonParser.parseString(text)
            })
            else -> fail("unknown op $op")
        }
    }

    private fun runExecute(desk: Desk, case: JsonObject, held: Held, expect: JsonElement) {
        val command = case.get("command").toString()
        val contextJson = case.get("context").toString()
        val json = outcomeText { desk.executeJson(held.text, command, contextJson) }
        // The object entry point says the same, when the context reads as a typed one.
        val context = runCatching { workflowContextFromJson(contextJson) }.getOrNull()
        if (context != null) {
            assertEquals(json, outcomeText { desk.execute(held.record, command, context).toJson() }, "execute and executeJson")
        }
        val got = parsed(json)
        assertMatches(expect, got)
        if (got.asJsonObject.has("error")) {
            assertEquals(held.text, held.record?.toJson(), "a refused command leaves the record unchanged")
            return
        }
        val outcome = desk.execute(held.record, command, context ?: fail("the context of a taken command reads"))
        val record = outcome.record()
        val text = record.toJson()
        assertEquals(canonicalJson(got.asJsonObject.get("record")), text, "the outcome's record text")
        assertEquals(outcome.events().map { canonicalJson(JsonParser.parseString(it)) }, outcome.events(), "events are canonical")
        assertEquals("[" + outcome.events().joinToString(",") + "]", outcome.eventsJson(), "eventsJson")
        assertEquals(canonicalJson(got.asJsonObject.get("events")), outcome.eventsJson(), "the outcome's events")
        // The record is the fold of every event so far, byte for byte.
        val all = "[" + (held.events + outcome.events()).joinToString(",") + "]"
        assertEquals(text, Record.replayJson(all).toJson(), "replaying every event")
        held.record?.let { assertEquals(text, it.applyJson(outcome.eventsJson()).toJson(), "applying the outcome's events") }
        assertEquals(text, Record.fromJson(text).toJson(), "the record's text reads back to itself")
        assertEquals(record, Record.fromJson(text), "records compare by their documents")
        for (event in outcome.events()) assertEquals(event, readRecordEventJson(event), "an event's text reads back to itself")
    }

    /** A record's text, checked to be what the core writes, as JSON. */
    private fun recordJson(record: Record): JsonElement {
        val text = record.toJson()
        assertEquals(text, Record.fromJson(text).toJson(), "the record's text reads back to itself")
        return JsonParser.parseString(text)
    }

    private fun parsed(text: String): JsonElement = JsonParser.parseString(text)

    /** The call's result, or the error as [recordErrorJson] writes it. */
    private fun outcome(call: () -> JsonElement): JsonElement = try {
        call()
    } catch (error: ItsmException) {
        recordErrorJson(error)
    }

    /** The call's text, or the canonical text of the error as [recordErrorJson] writes it. */
    private fun outcomeText(call: () -> String): String = try {
        call()
    } catch (error: ItsmException) {
        canonicalJson(recordErrorJson(error))
    }

    /**
     * An expected error: exactly its code and message, and the error's details containing the
     * expected ones. Any other expectation: contained in the result.
     */
    private fun assertMatches(expect: JsonElement, got: JsonElement) {
        if (expect is JsonObject && expect.has("error")) {
            val extra = expect.keySet() - setOf("error", "message", "details")
            assertTrue(extra.isEmpty(), "expected error keys the README does not define: $extra")
            val error = got as? JsonObject
            assertTrue(error != null && error.has("error"), "expected an error, got $got")
            assertEquals(expect.get("error").asString to expect.get("message")?.asString,
                error.get("error").asString to error.get("message").asString, "error code and message")
            expect.get("details")?.let { details ->
                val actual = error.get("details") ?: JsonNull.INSTANCE
                assertNull(containsJson(actual, details, "details"), "error details: got $actual")
            }
            return
        }
        assertTrue(!(got is JsonObject && got.has("error") && got.has("message") && got.size() <= 3),
            "expected a result, got the error $got")
        assertNull(containsJson(got, expect), "result: got $got")
    }
}
