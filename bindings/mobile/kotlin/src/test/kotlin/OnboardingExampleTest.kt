package itsm

import com.google.gson.JsonArray
import com.google.gson.JsonParser
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * The onboarding example (examples/onboarding/) from Kotlin: the same desk document, the same
 * story, and the transcript the Rust, Python and Node versions print, line for line. The app
 * keeps each record's JSON text, as an offline store would, and gives every follow-up command as
 * the `system` actor.
 */
class OnboardingExampleTest {
    private val example: Path = Paths.get(System.getProperty("itsm.vectors.root") ?: "../../../tests/vectors")
        .resolve("../../examples/onboarding").normalize()
    private val desk = Desk.fromJson(Files.readString(example.resolve("desk.json")))
    private val records = mutableMapOf<String, String>()
    private val transcript = mutableListOf<String>()

    private fun context(actor: String, groups: List<String>, now: String): String =
        """{"actor": {"id": "$actor", "groups": [${groups.joinToString { "\"$it\"" }}]}, "now": "$now"}"""

    /** Gives `command` to the record as `actor`, then every follow-up, as `system`. */
    private fun handle(now: String, actor: String, groups: List<String>, id: String, command: String) {
        val queue = ArrayDeque(listOf(Triple(actor to groups, id, command)))
        while (queue.isNotEmpty()) {
            val (who, recordId, next) = queue.removeFirst()
            val parsed = JsonParser.parseString(next).asJsonObject
            val what = parsed.get("type").asString + (parsed.get("transition")?.let { " ${it.asString}" } ?: "")
            val outcome = try {
                JsonParser.parseString(desk.executeJson(records[recordId], next, context(who.first, who.second, now))).asJsonObject
            } catch (e: ItsmException.CommandRefused) {
                transcript += "$now ${who.first} $recordId ${e.command} refused: ${e.reasons.joinToString("; ") { it.message }}"
                continue
            }
            val record = outcome.getAsJsonObject("record")
            transcript += "$now ${who.first} $recordId $what -> v${record.get("version").asLong} " +
                record.getAsJsonObject("fields").get("state").asString
            notify(outcome.getAsJsonArray("notifications"))
            records[recordId] = record.toString()
            for (followup in outcome.getAsJsonArray("followups").map { it.asJsonObject }) {
                queue.addLast(Triple("system" to emptyList(), followup.get("record").asString, followup.get("command").toString()))
            }
        }
    }

    private fun wake(since: String, now: String, id: String) {
        val wakeup = JsonParser.parseString(desk.wakeJson(records.getValue(id), since, now)).asJsonObject
        val followups = wakeup.getAsJsonArray("followups").map { it.asJsonObject }
        transcript += "$now wake $id: ${followups.size} follow-ups"
        notify(wakeup.getAsJsonArray("notifications"))
        for (followup in followups) handle(now, "system", emptyList(), followup.get("record").asString, followup.get("command").toString())
    }

    private fun notify(notifications: JsonArray) {
        for (n in notifications.map { it.asJsonObject }) {
            transcript += "  notify ${n.getAsJsonArray("to").joinToString(", ") { it.asString }}: ${n.get("message").asString}"
        }
    }

    @Test
    fun onboardingPrintsTheSharedTranscript() {
        handle("2026-12-01T09:00:00Z", "rita", emptyList(), "ONB-1", """{"type": "create", "id": "ONB-1", "kind": "onboarding",
            "fields": {"employee": "Noor Haddad", "start_date": "2027-01-04", "manager": "mia", "department": "engineering", "requested_by": "rita"}}""")
        handle("2026-12-01T09:05:00Z", "rita", emptyList(), "ONB-1", """{"type": "transition", "transition": "request_approval"}""")
        handle("2026-12-01T09:06:00Z", "rita", emptyList(), "ONB-1", """{"type": "request_approval", "on_approved": "approve", "steps": [
            {"name": "manager", "mode": "any", "approvers": ["mia"]},
            {"name": "hr", "mode": "quorum", "threshold_percent": 50, "group": "hr", "approvers": ["hank", "hera"]}]}""")
        handle("2026-12-01T09:10:00Z", "rita", emptyList(), "ONB-1", """{"type": "approve"}""")
        handle("2026-12-01T10:00:00Z", "mia", emptyList(), "ONB-1", """{"type": "approve", "comment": "Welcome aboard"}""")
        handle("2026-12-01T11:00:00Z", "hank", listOf("hr"), "ONB-1", """{"type": "approve"}""")
        for ((task, group, what) in listOf(Triple("TASK-HR", "hr", "Contract and payroll"), Triple("TASK-FAC", "facilities", "Desk and badge"), Triple("TASK-IT", "it", "Laptop and accounts"))) {
            handle("2026-12-01T11:30:00Z", "system", emptyList(), task, """{"type": "create", "id": "$task", "kind": "task",
                "fields": {"assignment_group": "$group", "short_description": "$what"}, "links": [{"kind": "parent", "target": "ONB-1"}]}""")
        }
        handle("2026-12-02T09:00:00Z", "mia", emptyList(), "ONB-1", """{"type": "transition", "transition": "mark_ready", "set": {"welcome_notes": "Desk 4.12"}}""")
        wake("2026-12-01T11:30:00Z", "2026-12-03T12:00:00Z", "TASK-HR")
        handle("2026-12-03T14:00:00Z", "fay", listOf("facilities"), "TASK-FAC", """{"type": "transition", "transition": "close", "set": {"close_notes": "Desk 4.12, badge printed"}}""")
        handle("2026-12-03T15:00:00Z", "ivan", listOf("it"), "TASK-IT", """{"type": "transition", "transition": "close", "set": {"close_notes": "Laptop imaged"}}""")
        handle("2026-12-03T16:00:00Z", "hank", listOf("hr"), "TASK-HR", """{"type": "transition", "transition": "close", "set": {"close_notes": "Contract signed"}}""")
        handle("2026-12-04T09:00:00Z", "mia", emptyList(), "ONB-1", """{"type": "transition", "transition": "mark_ready", "set": {"welcome_notes": "Desk 4.12; laptop at the IT bar"}}""")
        wake("2026-12-04T09:00:00Z", "2026-12-07T10:00:00Z", "ONB-1")
        val record = Record.fromJson(records.getValue("ONB-1"))
        val events = JsonParser.parseString(records.getValue("ONB-1")).asJsonObject
            .getAsJsonObject("history").getAsJsonArray("events").size() + 1
        transcript += "ONB-1 is ${record.state()} at version ${record.version()}, $events events"
        assertEquals(Files.readString(example.resolve("transcript.txt")), transcript.joinToString("\n") + "\n")
    }
}
