package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.DynamicNode
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import java.nio.file.Path
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.test.fail

/** The JSON form of a typed [Reason], built field by field as the core writes it (absent, not null, when unset). */
fun typedJson(reason: Reason): JsonObject = JsonObject().apply {
    reason.transition?.let { addProperty("transition", it) }
    addProperty("code", reason.code)
    addProperty("path", reason.path)
    reason.field?.let { addProperty("field", it) }
    addProperty("message", reason.message)
}

private fun reasonsJson(reasons: List<Reason>): JsonArray = JsonArray().apply { reasons.forEach { add(typedJson(it)) } }

/** The JSON form of a typed [Verdict], as the core's `Verdict::to_json` writes it. */
fun typedJson(verdict: Verdict): JsonObject = JsonObject().apply {
    addProperty("allowed", verdict.allowed)
    addProperty("from", verdict.from)
    verdict.transition?.let { addProperty("transition", it) }
    verdict.to?.let { addProperty("to", it) }
    val sets = JsonParser.parseString(verdict.setsJson).asJsonObject
    if (sets.size() > 0) add("sets", sets)
    add("reasons", reasonsJson(verdict.reasons))
}

/** The JSON form of a typed [AvailableTransition], as the core writes it. */
fun typedJson(available: AvailableTransition): JsonObject = JsonObject().apply {
    addProperty("transition", available.transition)
    available.label?.let { addProperty("label", it) }
    addProperty("to", available.to)
    addProperty("allowed", available.allowed)
    add("reasons", reasonsJson(available.reasons))
}

/** The JSON form of a typed [Finding]: the core's `{path, code, message}`. */
fun typedJson(finding: Finding): JsonObject = JsonObject().apply {
    addProperty("path", finding.path)
    addProperty("code", finding.code)
    addProperty("message", finding.message)
}

fun findingsJson(findings: List<Finding>): JsonArray = JsonArray().apply { findings.forEach { add(typedJson(it)) } }

/** The JSON form of a typed [WorkflowContext], as the core writes its context document. */
fun typedJson(context: WorkflowContext): JsonObject = JsonObject().apply {
    context.actor?.let { actor ->
        add("actor", JsonObject().apply {
            addProperty("id", actor.id)
            add("roles", JsonArray().apply { actor.roles.forEach { add(it) } })
            add("groups", JsonArray().apply { actor.groups.forEach { add(it) } })
        })
    }
    context.now?.let { addProperty("now", canonical(it)) }
    if (context.approvals.isNotEmpty()) {
        add("approvals", JsonArray().apply {
            context.approvals.forEach { approval ->
                add(JsonObject().apply {
                    addProperty("approver", approval.approver)
                    approval.group?.let { addProperty("group", it) }
                    addProperty("decision", approval.decision.name.lowercase())
                })
            }
        })
    }
    if (context.children.isNotEmpty()) {
        add("children", JsonArray().apply {
            context.children.forEach { child ->
                add(JsonObject().apply {
                    addProperty("id", child.id)
                    addProperty("state", child.state)
                })
            }
        })
    }
    if (context.predicates.isNotEmpty()) {
        add("predicates", JsonObject().apply { context.predicates.forEach { (name, answer) -> addProperty(name, answer) } })
    }
}

/**
 * A typed [WorkflowContext] from a vector's context document, built by hand as a host would build
 * it: `now` parsed into a `java.time.Instant`. Fails on a key the context document does not define.
 */
fun typedContext(document: JsonObject): WorkflowContext {
    val known = setOf("actor", "now", "approvals", "children", "predicates")
    assertTrue(known.containsAll(document.keySet()), "context keys ${document.keySet()}")
    fun strings(array: JsonElement?): List<String> = (array as? JsonArray)?.map { it.asString } ?: emptyList()
    return WorkflowContext(
        actor = document.getAsJsonObject("actor")?.let { actor ->
            Actor(actor.get("id").asString, roles = strings(actor.get("roles")), groups = strings(actor.get("groups")))
        },
        now = document.get("now")?.let { parseInstant(it.asString) },
        approvals = (document.get("approvals") as? JsonArray)?.map { item ->
            val approval = item.asJsonObject
            Approval(
                approver = approval.get("approver").asString,
                group = approval.get("group")?.takeUnless { it.isJsonNull }?.asString,
                decision = Decision.valueOf(approval.get("decision").asString.uppercase()),
            )
        } ?: emptyList(),
        children = (document.get("children") as? JsonArray)?.map { item ->
            Child(item.asJsonObject.get("id").asString, item.asJsonObject.get("state").asString)
        } ?: emptyList(),
        predicates = document.getAsJsonObject("predicates")?.entrySet()?.associate { (name, answer) ->
            name to answer.asBoolean
        } ?: emptyMap(),
    )
}

/**
 * Runs every conformance vector in tests/vectors/workflow as tests/vectors/README.md describes
 * them ("Workflow vectors"), with exact equality:
 *
 * - `cases` (`op` `validate` or `available`): the JSON entry points (`validateJson`,
 *   `availableJson`) must return `expect` written in the core's canonical form, byte for byte;
 *   the typed calls (`validate`, `available`, with the context built as typed records and `now` as
 *   an `Instant`) must say exactly the same, field by field, and for `validate`, `allows` must
 *   agree with `expect.allowed`. An expected error `{"error", "message"}` must be raised by every
 *   call alike, with exactly that code and message.
 * - `expect_lint`: the loaded workflow's `lint()`, the exact list.
 * - `lint_documents`: `lintWorkflowDocument`, the exact list or error.
 * - `invalid_workflows`: `Workflow.fromJson` fails with exactly that code and message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowVectorsTest {
    private val cases = VectorCases("workflow")

    @TestFactory
    fun workflowVectors(): List<DynamicNode> = cases.containers(::testsOf)

    /** At least one case ran, and every one counted. */
    @AfterAll
    fun casesRan() = cases.assertRan()

    private fun test(file: Path, name: String, body: () -> Unit): DynamicNode = cases.test(file, name, body)

    private fun JsonObject.list(key: String): List<JsonObject> =
        (get(key) as? JsonArray)?.map { it.asJsonObject } ?: emptyList()

    private val caseKeys = setOf("name", "op", "record", "request", "context", "expect")
    private val known = setOf("description", "builtin", "workflow", "cases", "expect_lint", "lint_documents", "invalid_workflows")

    private fun testsOf(file: Path, document: JsonObject): List<DynamicNode> {
        val tests = mutableListOf<DynamicNode>()
        val unknown = document.keySet() - known
        if (unknown.isNotEmpty()) {
            tests += test(file, "keys") { fail("$file: keys the README does not define: $unknown") }
        }
        for (case in document.list("invalid_workflows")) {
            tests += test(file, "invalid workflow: ${case.get("name").asString}") {
                val got = outcome { Workflow.fromJson(case.get("workflow").toString()).use { JsonPrimitive("loaded") } }
                assertExactly(case.get("expect"), got)
            }
        }
        for (case in document.list("lint_documents")) {
            tests += test(file, "lint document: ${case.get("name").asString}") {
                val got = outcome { findingsJson(lintWorkflowDocument(case.get("workflow").toString())) }
                assertExactly(case.get("expect"), got)
            }
        }
        val hasWorkflow = document.has("workflow") || document.has("builtin")
        if (!hasWorkflow) {
            if (document.has("cases") || document.has("expect_lint")) {
                tests += test(file, "workflow") { fail("$file has cases but neither `workflow` nor `builtin`") }
            }
            return tests
        }
        // The file's own JSON text, keys in file order, as a host would pass it.
        val workflow by lazy {
            document.get("builtin")?.asString?.let { Workflow.builtin(it) }
                ?: Workflow.fromJson(document.get("workflow").toString())
        }
        document.get("expect_lint")?.let { expected ->
            tests += test(file, "lint") { assertExactly(expected, findingsJson(workflow.lint())) }
        }
        for (case in document.list("cases")) {
            tests += test(file, case.get("name").asString) {
                val extra = case.keySet() - caseKeys
                assertTrue(extra.isEmpty(), "case keys the README does not define: $extra")
                when (val op = case.get("op").asString) {
                    "validate" -> runValidate(workflow, case)
                    "available" -> runAvailable(workflow, case)
                    else -> fail("unknown op $op")
                }
            }
        }
        return tests
    }

    /** The case's context document: `{}` when it gives none. */
    private fun JsonObject.context(): JsonObject = getAsJsonObject("context") ?: JsonObject()

    private fun runValidate(workflow: Workflow, case: JsonObject) {
        val record = case.get("record").toString()
        val request = case.get("request").asString
        val contextJson = case.context().toString()
        val context = typedContext(case.context())
        assertContextMirrors(contextJson, context)
        val expect = case.get("expect")
        val json = outcomeText { workflow.validateJson(record, request, contextJson) }
        assertCanonical(expect, json)
        assertExactly(expect, outcome { typedJson(workflow.validate(record, request, context)) }, "typed validate")
        val fast = outcome { JsonPrimitive(workflow.allows(record, request, context)) }
        val allowed = if (isError(expect)) expect else expect.asJsonObject.get("allowed")
        assertExactly(allowed, fast, "allows")
    }

    private fun runAvailable(workflow: Workflow, case: JsonObject) {
        val record = case.get("record").toString()
        val contextJson = case.context().toString()
        val context = typedContext(case.context())
        assertContextMirrors(contextJson, context)
        val expect = case.get("expect")
        assertCanonical(expect, outcomeText { workflow.availableJson(record, contextJson) })
        val typed = outcome { JsonArray().apply { workflow.available(record, context).forEach { add(typedJson(it)) } } }
        assertExactly(expect, typed, "typed available")
    }

    /** The typed context says what the document says: read by the binding, and written back by the core. */
    private fun assertContextMirrors(contextJson: String, context: WorkflowContext) {
        assertEquals(context, workflowContextFromJson(contextJson), "context read from JSON")
        val written = workflowContextToJson(context)
        assertEquals(canonicalJson(typedJson(context)), written, "typed context against the core's document")
    }

    private fun isError(expect: JsonElement): Boolean = expect is JsonObject && expect.has("error")

    /** The call's result, or the error as `{"error": code, "message": message}`. */
    private fun outcome(call: () -> JsonElement): JsonElement = try {
        call()
    } catch (error: ItsmException) {
        errorJson(error)
    }

    /** The call's text, or the canonical text of the error as [outcome] writes it. */
    private fun outcomeText(call: () -> String): String = try {
        call()
    } catch (error: ItsmException) {
        canonicalJson(errorJson(error))
    }

    private fun errorJson(error: ItsmException): JsonObject {
        assertEquals(error.kindCode, error.errorCode, "code of ${error::class.simpleName}")
        assertEquals(error.kindCode to error.errorDetail, error.errorDocument.code to error.errorDocument.message)
        return JsonObject().apply {
            addProperty("error", error.kindCode)
            addProperty("message", error.errorDetail)
        }
    }

    /** The core's text is `expect` in canonical form, byte for byte. */
    private fun assertCanonical(expect: JsonElement, text: String) {
        assertEquals(canonicalJson(expect), text, "canonical text")
    }

    /** Exact equality: ordered lists, the same keys, numbers by their exact value. */
    private fun assertExactly(expect: JsonElement, got: JsonElement, what: String = "result") {
        assertEquals(plain(expect), plain(got), "$what: got $got")
    }
}
