package itsm

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.time.Instant
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * An offline app's store: the JSON texts of each record and of its events, exactly as the core
 * wrote them, which it syncs with the server later. Every write checks that the texts are the
 * core's canonical text (what the server writes) and that the record is the fold of its events.
 */
private class Store(val desk: Desk) {
    val records = mutableMapOf<String, String>()
    val events = mutableMapOf<String, MutableList<String>>()

    /** Gives a command through the JSON entry point and stores what it yields; answers the outcome's JSON. */
    fun give(id: String, command: String, context: String): JsonObject {
        val text = desk.executeJson(records[id], command, context)
        assertEquals(canonicalJson(JsonParser.parseString(text)), text, "the outcome is canonical text")
        // The object entry point says the same, byte for byte.
        val typed = desk.execute(records[id]?.let { Record.fromJson(it) }, command, workflowContextFromJson(context))
        assertEquals(text, typed.toJson(), "execute and executeJson")
        val outcome = JsonParser.parseString(text).asJsonObject
        val record = typed.record()
        assertEquals(id, record.id())
        assertEquals(canonicalJson(outcome.get("record")), record.toJson(), "the outcome's record")
        assertEquals(outcome.getAsJsonArray("events").map { canonicalJson(it) }, typed.events(), "the outcome's events")
        records[id] = record.toJson()
        events.getOrPut(id) { mutableListOf() } += typed.events()
        // The stored record is the fold of the stored events, and reads back to itself.
        assertEquals(records[id], Record.replayJson(eventsJson(id)).toJson(), "replay of $id")
        assertEquals(records[id], Record.fromJson(records.getValue(id)).toJson(), "reading $id back")
        return outcome
    }

    fun record(id: String): Record = Record.fromJson(records.getValue(id))

    fun eventsJson(id: String): String = "[" + events.getValue(id).joinToString(",") + "]"
}

private fun context(actor: String, now: String, roles: List<String> = emptyList(), groups: List<String> = emptyList()): String =
    """{"actor": {"id": "$actor", "roles": [${roles.joinToString { "\"$it\"" }}], "groups": [${groups.joinToString { "\"$it\"" }}]}, "now": "$now"}"""

class RecordTest {
    private val bob = { now: String -> context("bob", now) }
    private val ann = { now: String -> context("ann", now, roles = listOf("agent"), groups = listOf("desk_ops")) }
    private val carol = { now: String -> context("carol", now, roles = listOf("approver")) }

    /** The README's example, line for line (test.sh checks that every line of it is here). */
    @Test
    fun theReadmeExample() {
        val desk = Desk() // the built-in workflows; or Desk.fromJson(text)
        val ann = """{"actor": {"id": "ann", "roles": ["agent"]}, "now": "2026-11-23T09:00:00Z"}"""
        val created: String = desk.executeJson(null, """{"type": "create", "id": "INC-1", "kind": "incident"}""", ann)
        val outcome = desk.execute(null, """{"type": "create", "id": "INC-2", "kind": "incident"}""", workflowContextFromJson(ann))
        val record: Record = outcome.record() // store record.toJson() and outcome.events(): the core's texts
        var reasons = emptyList<String>()
        try {
            desk.executeJson(record.toJson(), """{"type": "transition", "transition": "resolve"}""", ann)
        } catch (e: ItsmException.CommandRefused) {
            println("${e.command}: ${e.reasons.map { it.message }}") // transition: [resolve needs resolution_code, resolve needs resolution_notes]
            reasons = e.reasons.map { it.message }
        }
        assertEquals(listOf("resolve needs resolution_code", "resolve needs resolution_notes"), reasons)
        val replayed = Record.replayJson("[" + outcome.events().joinToString(",") + "]") // the fold of its events
        println("${replayed.id()} ${replayed.state()} v${replayed.version()} ${replayed == record}") // INC-2 new v1 true
        assertEquals("INC-2 new v1 true", "${replayed.id()} ${replayed.state()} v${replayed.version()} ${replayed == record}")
        assertEquals("INC-1", JsonParser.parseString(created).asJsonObject.getAsJsonObject("record").get("id").asString)
    }

    @Test
    fun aServiceRequestOfflineFromSubmissionToFulfilment() {
        val store = Store(Desk())
        // Bob asks for a laptop; it needs approval.
        val created = store.give("REQ-1",
            """{"type": "create", "id": "REQ-1", "kind": "service_request", "fields": {"requested_by": "bob", "requested_for": "bob", "catalog_item": "laptop", "approval_required": true}}""",
            bob("2026-11-23T09:00:00Z"))
        assertEquals(
            """{"actor":"bob","at":"2026-11-23T09:00:00.000Z","category":"new","fields":{"approval_required":true,"catalog_item":"laptop","requested_by":"bob","requested_for":"bob","state":"submitted"},"kind":"service_request","record":"REQ-1","schema_version":1,"type":"created","version":1,"workflow":"service_request"}""",
            store.events.getValue("REQ-1").single(), "the creation event, as the core writes it")
        assertEquals(1, created.getAsJsonArray("events").size())
        var request = store.record("REQ-1")
        assertEquals(listOf("REQ-1", "service_request", "service_request", "submitted"), listOf(request.id(), request.kind(), request.workflow(), request.state()))
        assertEquals(1uL, request.version())

        // The agent assigns it, moves it to approval and asks Carol.
        store.give("REQ-1", """{"type": "assign", "assignment_group": "desk_ops"}""", ann("2026-11-23T09:05:00Z"))
        store.give("REQ-1", """{"type": "transition", "transition": "request_approval"}""", ann("2026-11-23T09:06:00Z"))
        store.give("REQ-1", """{"type": "request_approval", "steps": [{"mode": "all", "approvers": ["carol"]}], "on_approved": "approve", "on_rejected": "reject"}""",
            ann("2026-11-23T09:07:00Z"))
        assertEquals("approval", store.record("REQ-1").state())

        // Bob may not approve his own request: refused, with the reason, and nothing stored.
        val before = store.records.getValue("REQ-1")
        val refused = assertFailsWith<ItsmException.CommandRefused> {
            store.desk.executeJson(before, """{"type": "approve"}""", bob("2026-11-23T09:08:00Z"))
        }
        assertEquals("approve", refused.command)
        assertTrue(refused.reasons.isNotEmpty())
        assertEquals("approve refused: " + refused.reasons.joinToString("; ") { it.message }, refused.detail)
        assertEquals("command_refused", refused.document.code)
        assertEquals(before, store.records.getValue("REQ-1"))

        // Carol approves: the outcome asks for the workflow's approve transition next.
        val approved = store.give("REQ-1", """{"type": "approve", "comment": "ok"}""", carol("2026-11-23T10:00:00Z"))
        val followup = approved.getAsJsonArray("followups").single().asJsonObject
        assertEquals("approval:approved", followup.get("because").asString)
        assertEquals("REQ-1", followup.get("record").asString)
        assertEquals("""{"transition":"approve","type":"transition"}""", canonicalJson(followup.get("command")))
        store.give("REQ-1", canonicalJson(followup.get("command")), ann("2026-11-23T10:01:00Z"))
        assertEquals("fulfilment", store.record("REQ-1").state())

        // Fulfilment through a task: the task is its own record, a child of the request.
        store.give("TASK-1", """{"type": "create", "id": "TASK-1", "kind": "task", "fields": {"assignment_group": "desk_ops"}, "links": [{"kind": "parent", "target": "REQ-1"}]}""",
            ann("2026-11-23T10:02:00Z"))
        store.give("REQ-1", """{"type": "add_child", "id": "TASK-1", "state": "open"}""", ann("2026-11-23T10:02:00Z"))

        // Fulfilling while the task is open and without notes: every reason, in the exception.
        val early = assertFailsWith<ItsmException.CommandRefused> {
            store.desk.executeJson(store.records["REQ-1"], """{"type": "transition", "transition": "fulfil"}""", ann("2026-11-23T10:03:00Z"))
        }
        assertEquals(listOf("field_required", "children_open"), early.reasons.map { it.code })
        assertEquals("fulfilment_notes", early.reasons[0].field)
        val details = JsonParser.parseString(early.document.details!!).asJsonObject
        assertEquals("transition", details.get("command").asString)
        assertEquals(early.reasons.map { canonicalJson(typedJson(it)) }, details.getAsJsonArray("reasons").map { canonicalJson(it) })
        assertNull(early.insteadJson)

        // The task closes; its outcome asks the parent to record the child's new state.
        val closed = store.give("TASK-1", """{"type": "transition", "transition": "close", "set": {"close_notes": "Laptop handed over"}}""",
            ann("2026-11-23T11:00:00Z"))
        val update = closed.getAsJsonArray("followups").single().asJsonObject
        assertEquals("parent", update.get("because").asString)
        assertEquals("REQ-1", update.get("record").asString)
        store.give("REQ-1", canonicalJson(update.get("command")), ann("2026-11-23T11:00:00Z"))

        // A form loaded at an older version is a version conflict, with both versions.
        val stale = store.record("REQ-1").version() - 1uL
        val conflict = assertFailsWith<ItsmException.VersionConflict> {
            store.desk.executeJson(store.records["REQ-1"],
                """{"type": "transition", "transition": "fulfil", "set": {"fulfilment_notes": "Delivered"}, "expected_version": $stale}""",
                ann("2026-11-23T11:05:00Z"))
        }
        assertEquals(stale to store.record("REQ-1").version(), conflict.expected to conflict.actual)
        assertEquals("version conflict: expected version $stale, the record is at version ${conflict.actual}", conflict.detail)
        assertEquals("""{"actual":${conflict.actual},"expected":$stale}""", conflict.document.details)

        // Reloaded, the same command at the current version fulfils the request.
        val version = store.record("REQ-1").version()
        val fulfilled = store.give("REQ-1",
            """{"type": "transition", "transition": "fulfil", "set": {"fulfilment_notes": "Delivered"}, "expected_version": $version}""",
            ann("2026-11-23T11:05:00Z"))
        request = store.record("REQ-1")
        assertEquals("fulfilled", request.state())
        assertEquals(version + 1uL, request.version())
        assertEquals(JsonParser.parseString("""{"state": "fulfilled", "fulfilment_notes": "Delivered"}""").asJsonObject.entrySet().associate { it.key to plain(it.value) },
            JsonParser.parseString(request.fieldsJson()).asJsonObject.entrySet().filter { it.key in setOf("state", "fulfilment_notes") }.associate { it.key to plain(it.value) })
        assertEquals("2026-11-23T11:05:00.000Z", fulfilled.getAsJsonObject("record").get("resolved_at").asString)

        // Another device that holds only the events applies the ones it lacks and agrees, byte for byte.
        val all = store.events.getValue("REQ-1")
        val onDevice = Record.replayJson("[" + all.take(3).joinToString(",") + "]")
        val caughtUp = onDevice.applyJson("[" + all.drop(3).joinToString(",") + "]")
        assertEquals(store.records["REQ-1"], caughtUp.toJson())
        assertEquals(request, caughtUp)
        assertEquals(3uL, onDevice.version(), "applying leaves the record it was given unchanged")
        // Applying an event twice is a version conflict.
        val twice = assertFailsWith<ItsmException.VersionConflict> { caughtUp.applyJson("[" + all.last() + "]") }
        assertEquals(caughtUp.version() to caughtUp.version(), twice.expected + 1uL to twice.actual)
    }

    @Test
    fun recordsAndEventsReadBackAndRefuseWhatIsNotTheirs() {
        val desk = Desk()
        val outcome = desk.execute(null, """{"type": "create", "id": "INC-1", "kind": "incident", "fields": {"caller": "bob"}}""",
            WorkflowContext(actor = Actor("ann", roles = listOf("agent")), now = Instant.parse("2026-11-23T09:00:00Z")))
        val record = outcome.record()
        assertEquals("new", record.state())
        // An event from elsewhere, written in any key order and instant form, is stored canonical.
        val event = outcome.events().single()
        val shuffled = JsonParser.parseString(event).asJsonObject.let { json ->
            JsonObject().apply { json.keySet().reversed().forEach { add(it, json.get(it)) }; addProperty("at", "2026-11-23T10:00:00+01:00") }
        }.toString()
        assertEquals(event, readRecordEventJson(shuffled))
        val bad = assertFailsWith<ItsmException.InvalidInput> { readRecordEventJson(event.replace("\"at\":\"2026-11-23T09:00:00.000Z\"", "\"at\":\"noon\"")) }
        assertEquals("at", bad.document.path)
        // A stored record edited by hand is refused, never silently wrong.
        val edited = record.toJson().replaceFirst("\"caller\":\"bob\"", "\"caller\":\"eve\"")
        val refused = assertFailsWith<ItsmException.InvalidInput> { Record.fromJson(edited) }
        assertEquals("fields.caller", refused.document.path)
        assertFailsWith<ItsmException.InvalidInput> { Record.replayJson("[]") }
        assertFailsWith<ItsmException.InvalidInput> { Record.fromJson("{") }
        // The typed context is checked as the JSON one is.
        val noActor = assertFailsWith<ItsmException.InvalidArgument> {
            desk.execute(record, """{"type": "comment", "text": "hi"}""", WorkflowContext(now = Instant.parse("2026-11-23T09:10:00Z")))
        }
        assertEquals("""{"argument":"context.actor"}""", noActor.document.details)
        // wake and wakeJson agree.
        assertEquals(desk.wakeJson(record.toJson(), null, "2026-11-24T09:00:00Z"),
            desk.wake(record, null, Instant.parse("2026-11-24T09:00:00Z")))
    }

    @Test
    fun automationTemplatesLoadIntoADesk() {
        assertEquals(listOf("auto_assign", "escalate_on_sla", "auto_close"), automationTemplateNames())
        for (name in automationTemplateNames()) {
            val rule = automationTemplate(name)
            assertEquals(canonicalJson(JsonParser.parseString(rule)), rule, "$name is canonical text")
        }
        val unknown = assertFailsWith<ItsmException.InvalidArgument> { automationTemplate("nonesuch") }
        assertEquals("""{"argument":"name"}""", unknown.document.details)
        val desk = Desk.fromJson("""{"automation": [${automationTemplate("auto_close")}]}""")
        assertTrue(desk.toJson().contains("\"auto_close\""))
        assertEquals(desk.toJson(), Desk.fromJson(desk.toJson()).toJson())
        // A resolved incident, imported; seven days later the desk asks to close it.
        val imported = desk.execute(null,
            """{"type": "import", "id": "INC-9", "kind": "incident", "fields": {"state": "resolved", "resolution_code": "solved_permanently", "resolution_notes": "Rebooted"}}""",
            WorkflowContext(actor = Actor("ann", roles = listOf("agent")), now = Instant.parse("2026-11-02T09:00:00Z")))
        assertEquals("2026-11-09T09:00:00.000Z", JsonParser.parseString(imported.toJson()).asJsonObject.get("next_wakeup").asString)
        val wakeup = JsonParser.parseString(desk.wakeJson(imported.record().toJson(), null, "2026-11-09T09:00:00Z")).asJsonObject
        val commands = wakeup.getAsJsonArray("followups").map { canonicalJson(it.asJsonObject.get("command")) }
        // The commands a rule asks for carry its id.
        assertTrue("""{"rule":"auto_close","transition":"close","type":"transition"}""" in commands, "$commands")
        val bad = assertFailsWith<ItsmException.InvalidConfig> { Desk.fromJson("""{"kinds": {"incident": "nonesuch"}}""") }
        assertEquals("kinds.incident: no workflow named nonesuch (built in or under workflows)", bad.detail)
        assertFalse(Desk().toJson().isEmpty())
    }
}
