package example.host

import itsm.*
import java.time.Instant
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * The record API as an app sees it from its own package through `import itsm.*`: `Record` is the
 * binding's, not `java.lang.Record` (default imports rank below star imports), and `Desk`,
 * `Outcome` and the record exceptions resolve without qualification.
 */
class HostPackageTest {
    @Test
    fun theRecordNamesResolveToTheBinding() {
        val desk = Desk()
        val outcome: Outcome = desk.execute(null, """{"type": "create", "id": "T-1", "kind": "task"}""",
            WorkflowContext(actor = Actor("ann"), now = Instant.parse("2026-11-23T09:00:00Z")))
        val record: Record = outcome.record()
        assertEquals("task" to "open", record.kind() to record.state())
        val conflict = try {
            record.applyJson(outcome.eventsJson())
            null
        } catch (e: ItsmException.VersionConflict) {
            e
        }
        assertEquals("version_conflict" to 1uL, conflict?.document?.code to conflict?.actual)
    }
}
