package itsm

import com.google.gson.JsonParser
import org.junit.jupiter.api.Test
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class WorkflowTest {
    @Test
    fun `the README example`() {
        val change = Workflow.builtin("change_normal") // or Workflow.fromJson(text)
        val record = """{"state": "scheduled", "implementer": "ivan"}"""
        val ivan = Actor("ivan", groups = listOf("network"))
        val saturday = WorkflowContext(actor = ivan, now = Instant.parse("2026-11-28T10:00:00Z"))
        val verdict = change.validate(record, "start_implementation", saturday)
        println("${verdict.allowed} ${verdict.transition} -> ${verdict.to}") // true start_implementation -> implement
        val tuesday = WorkflowContext(actor = ivan, now = Instant.parse("2026-12-01T12:00:00Z"))
        val refused = change.validate(record, "implement", tuesday) // a target state works too
        for (reason in refused.reasons) {
            println("${reason.code} at ${reason.path}: ${reason.message}")
        }
        val fast: Boolean = change.allows(record, "implement", tuesday) // no reasons built
        val stored: String = change.validateJson(record, "implement",
            """{"actor": {"id": "ivan"}, "now": "2026-12-01T12:00:00Z"}""") // the core's JSON, byte for byte
        assertTrue(verdict.allowed)
        assertEquals("start_implementation" to "implement", verdict.transition to verdict.to)
        assertEquals("{}", verdict.setsJson)
        assertFalse(refused.allowed)
        assertEquals(listOf("outside_window"), refused.reasons.map { it.code })
        assertEquals("transitions[4].guards[2]", refused.reasons[0].path)
        assertEquals("start_implementation", refused.reasons[0].transition)
        assertNull(refused.reasons[0].field)
        assertEquals(
            "2026-12-01T12:00:00.000Z is outside the window maintenance",
            refused.reasons[0].message,
        )
        assertFalse(fast)
        assertTrue(change.allows(record, "implement", saturday))
        assertEquals(canonicalJson(typedJson(refused)), stored)
    }

    @Test
    fun `the examples of the doc comments`() {
        val incident = Workflow.builtin("incident")
        val context = WorkflowContext(actor = Actor("ann", roles = listOf("agent")))
        val verdict = incident.validate("""{"state": "in_progress"}""", "resolve", context)
        assertEquals("resolve needs resolution_code", verdict.reasons.first().message)
        val matrix = PriorityMatrix.fromJson("""{"impacts": ["high"], "urgencies": ["high"],
            "priorities": ["P1", "P2"], "matrix": {"high": {"high": "P1"}}}""")
        assertEquals(listOf("unused_priority"), matrix.lint().map { it.code })
    }

    @Test
    fun `the built-in workflows and their documents`() {
        val names = workflowBuiltinNames()
        assertEquals(
            listOf("incident", "problem", "service_request", "change_standard", "change_normal", "change_emergency", "task"),
            names,
        )
        for (name in names) {
            val builtin = Workflow.builtin(name)
            val document = workflowBuiltinDocument(name)
            assertEquals(builtin, Workflow.fromJson(document), name)
            assertEquals(builtin, Workflow.fromJson(builtin.toJson()), name)
            assertEquals(emptyList(), builtin.lint(), name)
            assertEquals(emptyList(), lintWorkflowDocument(document), name)
        }
        val unknown = assertFailsWith<ItsmException.InvalidArgument> { Workflow.builtin("incidents") }
        assertEquals("""{"argument":"name"}""", unknown.document.details)
        assertFailsWith<ItsmException.InvalidArgument> { workflowBuiltinDocument("incidents") }
        val incident = Workflow.builtin("incident")
        assertEquals("pending", incident.category("on_hold"))
        assertEquals("closed", incident.category("closed"))
        assertNull(incident.category("limbo"))
    }

    @Test
    fun `a host changes a built-in document and loads its own`() {
        val document = JsonParser.parseString(workflowBuiltinDocument("incident")).asJsonObject
        val holdReason = document.getAsJsonArray("fields").map { it.asJsonObject }.first { it.get("id").asString == "hold_reason" }
        holdReason.getAsJsonArray("values").add("awaiting_evidence")
        val ours = Workflow.fromJson(document.toString())
        assertEquals(emptyList(), ours.lint())
        val agent = WorkflowContext(actor = Actor("ann", roles = listOf("agent")))
        val record = """{"state": "on_hold", "hold_reason": "awaiting_evidence"}"""
        val builtin = Workflow.builtin("incident").validate(record, "change_hold_reason", agent)
        assertEquals("field_value_unknown", builtin.reasons.first().code)
        assertEquals("hold_reason", builtin.reasons.first().field)
        assertTrue(ours.validate(record, "change_hold_reason", agent).reasons.none { it.code == "field_value_unknown" })
    }

    @Test
    fun `lint finds the traps of a document, and the reasons it would not load`() {
        val unreachable = """{"initial": "new",
            "states": [{"id": "new", "category": "new"}, {"id": "closed", "category": "closed"}, {"id": "limbo", "category": "active"}],
            "transitions": [{"name": "close", "from": "new", "to": "closed"}]}"""
        val findings = lintWorkflowDocument(unreachable)
        assertEquals("unreachable_state" to "states[2]", findings[0].code to findings[0].path)
        assertEquals(findings, Workflow.fromJson(unreachable).lint())
        val broken = """{"initial": "new", "states": [{"id": "new", "category": "new"}],
            "transitions": [{"name": "close", "from": "new", "to": "closed"}]}"""
        val unknownState = lintWorkflowDocument(broken)
        assertEquals(listOf("unknown_state"), unknownState.map { it.code })
        val config = assertFailsWith<ItsmException.InvalidConfig> { Workflow.fromJson(broken) }
        assertEquals("transitions[0].to: unknown state `closed` (the workflow's states: new)", config.detail)
        assertEquals("transitions[0].to", config.document.path)
        val notJson = assertFailsWith<ItsmException.InvalidConfig> { lintWorkflowDocument("{") }
        assertTrue(notJson.detail.startsWith("(document): not valid JSON"), notJson.detail)
        val unreadable = assertFailsWith<ItsmException.InvalidConfig> { lintWorkflowDocument("""{"states": []}""") }
        assertEquals(unreadable.detail, assertFailsWith<ItsmException.InvalidConfig> { Workflow.fromJson("""{"states": []}""") }.detail)
    }

    @Test
    fun `available lists the buttons with their reasons`() {
        val incident = Workflow.builtin("incident")
        val record = """{"state": "resolved", "caller": "bob"}"""
        val bob = WorkflowContext(actor = Actor("bob"))
        val moves = incident.available(record, bob)
        assertEquals(listOf("reopen" to true, "close" to true), moves.map { it.transition to it.allowed })
        val json = JsonParser.parseString(incident.availableJson(record, """{"actor": {"id": "bob"}}""")).asJsonArray
        assertEquals(plain(json), plain(com.google.gson.JsonArray().apply { moves.forEach { add(typedJson(it)) } }))
    }

    @Test
    fun `contexts read and write as the core's document`() {
        val context = WorkflowContext(
            actor = Actor("carl", roles = listOf("change_manager"), groups = listOf("cab")),
            now = Instant.parse("2026-11-28T10:00:00.5Z"),
            approvals = listOf(Approval("amy", group = "cab", decision = Decision.APPROVED), Approval("ali", decision = Decision.PENDING)),
            children = listOf(Child("CTASK-1", "closed")),
            predicates = mapOf("credit_check_passed" to true, "budget_ok" to false),
        )
        val json = workflowContextToJson(context)
        assertEquals(
            """{"actor":{"groups":["cab"],"id":"carl","roles":["change_manager"]},""" +
                """"approvals":[{"approver":"amy","decision":"approved","group":"cab"},{"approver":"ali","decision":"pending"}],""" +
                """"children":[{"id":"CTASK-1","state":"closed"}],"now":"2026-11-28T10:00:00.500Z",""" +
                """"predicates":{"budget_ok":false,"credit_check_passed":true}}""",
            json,
        )
        assertEquals(canonicalJson(typedJson(context)), json)
        assertEquals(context, workflowContextFromJson(json))
        assertEquals(WorkflowContext(), workflowContextFromJson("{}"))
        assertEquals("{}", workflowContextToJson(WorkflowContext()))
        val bad = assertFailsWith<ItsmException.InvalidArgument> { workflowContextFromJson("""{"actor": {"name": "ann"}}""") }
        assertEquals("""{"argument":"context.actor.name"}""", bad.document.details)
        val far = assertFailsWith<ItsmException.OutOfRange> { workflowContextToJson(WorkflowContext(now = Instant.parse("2400-01-01T00:00:00Z"))) }
        assertEquals("out_of_range", far.code)
    }

    @Test
    fun `bad records, requests and contexts are errors naming them`() {
        val incident = Workflow.builtin("incident")
        val agent = WorkflowContext(actor = Actor("ann", roles = listOf("agent"), groups = listOf("network")))
        val record = assertFailsWith<ItsmException.InvalidInput> { incident.validate("[1]", "resolve", agent) }
        assertEquals("(document): expected an object, found an array", record.detail)
        val request = assertFailsWith<ItsmException.InvalidArgument> { incident.allows("""{"state": "new"}""", "escalate", agent) }
        assertEquals(
            "invalid argument `transition`: `escalate` is neither a transition nor a state of the workflow incident",
            request.detail,
        )
        val noState = assertFailsWith<ItsmException.InvalidInput> { incident.available("""{"caller": "bob"}""", agent) }
        assertEquals("state: the record has no state", noState.detail)
        assertEquals("state", noState.document.path)
        val noActor = assertFailsWith<ItsmException.InvalidArgument> {
            incident.validate("""{"state": "in_progress"}""", "resolve", WorkflowContext())
        }
        assertEquals("""{"argument":"context.actor"}""", noActor.document.details)
        val context = assertFailsWith<ItsmException.InvalidArgument> {
            incident.validateJson("""{"state": "new"}""", "assign", """{"now": "noon"}""")
        }
        assertEquals("""{"argument":"context.now"}""", context.document.details)
        val change = Workflow.builtin("change_normal")
        val noNow = assertFailsWith<ItsmException.InvalidArgument> {
            change.validate("""{"state": "scheduled", "implementer": "ivan"}""", "implement", WorkflowContext(actor = Actor("ivan")))
        }
        assertEquals("""{"argument":"context.now"}""", noNow.document.details)
        val far = assertFailsWith<ItsmException.OutOfRange> {
            change.allows("""{"state": "scheduled"}""", "implement", WorkflowContext(actor = Actor("ivan"), now = Instant.MAX))
        }
        assertEquals("out_of_range", far.code)
    }

    @Test
    fun `the priority matrix lints`() {
        assertEquals(emptyList(), PriorityMatrix.itil().lint())
        val matrix = PriorityMatrix.fromJson(
            """{"impacts": ["high"], "urgencies": ["high"], "priorities": ["P1", "P2"], "matrix": {"high": {"high": "P1"}},
                "overrides": [{"when": {"always": true}, "set": "P1"}, {"when": {"field_eq": {"field": "vip", "value": true}}, "raise": 0}]}""")
        assertEquals(
            listOf("priorities[1]" to "unused_priority", "overrides[1]" to "unreachable_override", "overrides[1].raise" to "override_changes_nothing"),
            matrix.lint().map { it.path to it.code },
        )
        assertEquals("raising by 0 steps changes nothing", matrix.lint().last().message)
    }
}
