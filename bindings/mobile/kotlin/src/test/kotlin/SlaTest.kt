package itsm

import com.google.gson.JsonParser
import org.junit.jupiter.api.Test
import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail

class SlaTest {
    private fun at(text: String): Instant = parseInstant(text)

    /**
     * A P3 incident under the `itil_incident` template (business hours Monday to Friday
     * 08:00-18:00 UTC; response 4 h, resolution 24 h of business time). Created Monday
     * 23 November 2026 09:00, in progress at 10:00 (the response clock stops), waiting for the
     * caller from 11:00 to 13:00 (resolution pauses).
     */
    private val p3 = Timeline.fromJson(
        """
        {"id": "INC-7", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "new", "priority": "P3"},
         "events": [
           {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "in_progress"}, "actor": "ana"},
           {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"state": "on_hold", "hold_reason": "awaiting_caller"}},
           {"at": "2026-11-23T13:00:00Z", "type": "update", "set": {"state": "in_progress", "hold_reason": null}}
         ]}
        """.trimIndent(),
    )
    private val itil = PolicySet.template("itil_incident")

    private fun incident(id: String, createdAt: String, priority: String) =
        Timeline.fromJson("""{"id": "$id", "created_at": "$createdAt", "fields": {"state": "new", "priority": "$priority"}}""")

    // Evaluation

    @Test
    fun `typed results agree with the JSON ones for a template evaluation`() {
        val now = at("2026-11-23T15:00:00Z")
        val evaluation = itil.evaluate(p3, now)
        val json = itil.evaluateJson(p3, now)
        sameJson(typedJson(evaluation), JsonParser.parseString(json))?.let { fail("typed and JSON differ at $it") }
        // The JSON is canonical: the same text every time.
        assertEquals(json, itil.evaluateJson(p3, now))
        val lean = itil.evaluate(p3, now, explain = false)
        assertTrue(lean.metrics.flatMap { it.cycles }.all { it.explanation.isEmpty() })
        assertTrue(evaluation.metrics.flatMap { it.cycles }.any { it.explanation.isNotEmpty() })
        sameJson(typedJson(lean), JsonParser.parseString(itil.evaluateJson(p3, now, explain = false)))?.let { fail("lean typed and JSON differ at $it") }

        assertEquals("INC-7", evaluation.record)
        assertEquals(now, evaluation.now)
        assertEquals(listOf("incident_p3"), evaluation.matched)
        assertEquals(listOf("incident_p3"), evaluation.selected)
        assertEquals(listOf("response", "resolution"), evaluation.metrics.map { it.metric })

        val response = evaluation.metrics[0]
        assertEquals(Contract.SLA, response.contract)
        assertEquals("incident_p3", response.policy)
        assertEquals("Time to first response", response.name)
        assertEquals("response", response.kind)
        val answered = response.cycles.single()
        assertEquals(Status.MET, answered.status)
        assertEquals(at("2026-11-23T10:00:00Z"), answered.stoppedAt)
        assertEquals(3_600_000L, answered.elapsedMs)
        assertEquals(14_400_000L, answered.goalMs)
        assertEquals(25.0, answered.percent)
        assertNull(answered.nextWakeup)

        val resolution = evaluation.metrics[1]
        assertFalse(resolution.breached)
        val clock = resolution.cycles.single()
        assertEquals(1L, clock.cycle)
        assertEquals(Status.RUNNING, clock.status)
        assertEquals(at("2026-11-23T09:00:00Z"), clock.startedAt)
        assertNull(clock.stoppedAt)
        // Running 09:00-11:00 and 13:00-15:00: 4 h of the 24 h goal; paused 2 h.
        assertEquals(14_400_000L, clock.elapsedMs)
        assertEquals(14_400_000L, clock.elapsedWallMs)
        assertEquals(7_200_000L, clock.pausedMs)
        assertEquals(mapOf("awaiting_caller" to 7_200_000L), clock.pausedByReason)
        assertEquals(86_400_000L, clock.goalMs)
        assertEquals(72_000_000L, clock.remainingMs)
        assertEquals(100.0 / 6, clock.percent)
        // 20 h left from Monday 15:00: 3 h Monday, 10 h Tuesday, 7 h Wednesday.
        assertEquals(at("2026-11-25T15:00:00Z"), clock.deadline)
        assertEquals(at("2026-11-25T13:00:00Z"), clock.originalDeadline)
        assertEquals(at("2026-11-25T15:00:00Z"), clock.deadlineNextOpening)
        assertNull(clock.breachedAt)
        assertEquals(0L, clock.overrunMs)
        // 50 % (12 h) on Tuesday 13:00, 75 % (18 h) on Wednesday 09:00, 90 % (21.6 h) on Wednesday 12:36.
        assertEquals(
            listOf(
                ThresholdResult("50%", at("2026-11-24T13:00:00Z"), false),
                ThresholdResult("75%", at("2026-11-25T09:00:00Z"), false),
                ThresholdResult("90%", at("2026-11-25T12:36:00Z"), false),
            ),
            clock.thresholds,
        )
        assertEquals(at("2026-11-24T13:00:00Z"), clock.nextWakeup)
        assertEquals(clock.nextWakeup, evaluation.nextWakeup)
        val paused = clock.explanation.filter { it.kind == SegmentKind.PAUSED }
        assertEquals(listOf(Segment(SegmentKind.PAUSED, at("2026-11-23T11:00:00Z"), at("2026-11-23T13:00:00Z"), "awaiting_caller")), paused)
        assertTrue(clock.explanation.filter { it.kind == SegmentKind.COUNTED }.all { it.reason == null })
        assertEquals(
            14_400_000L,
            clock.explanation.filter { it.kind == SegmentKind.COUNTED }.sumOf { it.to.toEpochMilli() - it.from.toEpochMilli() },
        )
    }

    @Test
    fun `a breached clock and the evaluation of a past instant`() {
        val p1 = incident("INC-1", "2026-11-23T09:00:00Z", "P1")
        // Response: 15 minutes around the clock; at 09:20 it is 5 minutes over.
        val response = itil.evaluate(p1, at("2026-11-23T09:20:00Z")).metrics.first { it.metric == "response" }
        assertTrue(response.breached)
        assertTrue(response.everBreached)
        val cycle = response.cycles.single()
        assertEquals(Status.BREACHED, cycle.status)
        assertEquals(at("2026-11-23T09:15:00Z"), cycle.breachedAt)
        assertEquals(300_000L, cycle.overrunMs)
        assertEquals(0L, cycle.remainingMs)
        // The same record read at 09:05: running, two thirds of the time left.
        val early = itil.evaluate(p1, at("2026-11-23T09:05:00Z")).metrics.first { it.metric == "response" }.cycles.single()
        assertEquals(Status.RUNNING, early.status)
        assertEquals(600_000L, early.remainingWallMs)
        // The 75 % threshold (11:15) comes before the breach (15:00.001).
        assertEquals(at("2026-11-23T09:11:15Z"), early.nextWakeup)
    }

    @Test
    fun `evaluating before the record was created or out of range is refused`() {
        val error = assertFailsWith<ItsmException.InvalidArgument> { itil.evaluate(p3, at("2026-11-23T08:59:59Z")) }
        assertEquals("invalid_argument", error.code)
        assertTrue(error.detail.startsWith("invalid argument `now`: 2026-11-23T08:59:59.000Z is before"), error.detail)
        assertFailsWith<ItsmException.InvalidArgument> { itil.evaluateJson(p3, at("2026-11-23T08:00:00Z")) }
        for (instant in listOf(Instant.MAX, at("2300-01-01T00:00:00.001Z"))) {
            assertFailsWith<ItsmException.OutOfRange>("$instant") { itil.evaluate(p3, instant) }
        }
    }

    @Test
    fun `batch keeps going past a bad record`() {
        val now = at("2026-11-23T10:00:00Z")
        val records = listOf(
            incident("A", "2026-11-23T09:00:00Z", "P1"),
            incident("LATE", "2026-11-23T11:00:00Z", "P1"), // created after now
            p3,
        )
        val batch = itil.evaluateBatch(records, now)
        assertEquals(3, batch.size)
        assertEquals(listOf(0L, 1L, 2L), batch.map { it.index })
        assertEquals(listOf("A", "LATE", "INC-7"), batch.map { it.record })
        assertEquals(itil.evaluate(records[0], now), batch[0].evaluation)
        assertNull(batch[0].error)
        assertNull(batch[1].evaluation)
        val late = assertNotNull(batch[1].error)
        assertEquals("invalid_argument", late.code)
        assertEquals(
            "invalid argument `now`: 2026-11-23T10:00:00.000Z is before the record was created (2026-11-23T11:00:00.000Z)",
            late.message,
        )
        assertNull(late.path)
        assertEquals("""{"argument":"now"}""", late.details)
        assertEquals(
            """{"error":{"code":"invalid_argument","details":{"argument":"now"},"message":"${late.message}"},"index":1,"record":"LATE"}""",
            batch[1].json,
        )
        // The item's JSON is the core's batch item in the canonical form: the evaluation in it is
        // evaluateJson's text.
        assertEquals("""{"evaluation":${itil.evaluateJson(p3, now)},"index":2,"record":"INC-7"}""", batch[2].json)
        assertEquals("INC-7", assertNotNull(batch[2].evaluation).record)
        assertEquals(emptyList(), itil.evaluateBatch(emptyList(), now))
        val lean = itil.evaluateBatch(records, now, explain = false)
        assertEquals(batch.size, lean.size)
        for ((full, thin) in batch.zip(lean)) {
            val thinCycles = thin.evaluation?.metrics?.flatMap { it.cycles } ?: emptyList()
            assertTrue(thinCycles.all { it.explanation.isEmpty() })
            assertEquals(full.evaluation?.metrics?.map { m -> m.cycles.map { it.elapsedMs } }, thin.evaluation?.metrics?.map { m -> m.cycles.map { it.elapsedMs } })
        }
        // An unusable now is every record's error.
        val out = itil.evaluateBatch(records, Instant.MAX)
        assertEquals(listOf("out_of_range", "out_of_range", "out_of_range"), out.map { it.error?.code })
    }

    @Test
    fun `document batches keep the record id of a bad document`() {
        val items = itil.evaluateDocuments(
            listOf(
                """{"id": "INC-1", "created_at": "2026-11-23T09:00:00Z", "fields": {"priority": "P3"}}""",
                """{"id": "INC-2", "created_at": "2026-11-23T09:00:00Z", "history": []}""",
                "not json",
            ),
            at("2026-11-23T12:00:00Z"),
        )
        assertEquals(listOf("INC-1", "INC-2", null), items.map { it.record })
        assertEquals(listOf("incident_p3"), assertNotNull(items[0].evaluation).selected)
        val unknown = assertNotNull(items[1].error)
        assertEquals("invalid_input", unknown.code)
        assertEquals("history", unknown.path)
        assertEquals("history: unknown field `history`, expected one of `id`, `created_at`, `fields`, `events`", unknown.message)
        val text = assertNotNull(items[2].error)
        assertEquals("invalid_input" to "", text.code to text.path)
        assertTrue(text.message.startsWith("(document): not valid JSON"), text.message)
        assertEquals(2L, items[2].index)
        val error = assertFailsWith<ItsmException.OutOfRange> { itil.evaluateDocuments(emptyList(), Instant.MAX) }
        assertEquals("out_of_range", error.document.code)
    }

    @Test
    fun `errors carry the core's error document`() {
        val error = assertFailsWith<ItsmException.InvalidInput> {
            Timeline.fromJson("""{"id": "X", "created_at": "yesterday"}""")
        }
        val document = error.document
        assertEquals(error.code to error.detail, document.code to document.message)
        assertEquals("created_at", document.path)
        assertNull(document.details)
        assertEquals(
            """{"code":"invalid_input","message":"created_at: expected an RFC 3339 instant with an offset, found \"yesterday\"","path":"created_at"}""",
            document.json,
        )
        val early = assertFailsWith<ItsmException.InvalidArgument> { itil.evaluate(p3, at("2026-11-23T08:00:00Z")) }
        assertEquals("""{"argument":"now"}""", early.document.details)
        assertEquals(early.detail, (early as ItsmException).errorDocument.message)
    }

    // Documents

    @Test
    fun `bad policy JSON names the path`() {
        val goal = assertFailsWith<ItsmException.InvalidConfig> {
            PolicySet.fromJson(
                """{"policies": [{"id": "p", "applies": {"always": true}, "metrics": [
                     {"id": "m", "goal": {"business": "P1D"}, "start": {"always": true}, "stop": {"always": false}}]}]}""",
            )
        }
        assertEquals("invalid_config", goal.code)
        assertTrue(goal.detail.startsWith("policies[0].metrics[0].goal.business: "), goal.detail)
        val calendar = assertFailsWith<ItsmException.InvalidConfig> {
            PolicySet.fromJson(
                """{"policies": [{"id": "p", "applies": {"always": true}, "metrics": [
                     {"id": "m", "calendar": "office", "goal": {"wall": "PT1H"}, "start": {"always": true}, "stop": {"always": false}}]}]}""",
            )
        }
        assertEquals("policies[0].metrics[0].calendar: unknown calendar \"office\"; the set has none", calendar.detail)
        val unknown = assertFailsWith<ItsmException.InvalidConfig> { PolicySet.fromJson("""{"policies": [], "colour": "red"}""") }
        assertEquals("colour: unknown field `colour`, expected one of `calendars`, `selection`, `switch`, `states`, `policies`", unknown.detail)
        for (text in listOf("", "{", "[]")) {
            val error = assertFailsWith<ItsmException.InvalidConfig>(text) { PolicySet.fromJson(text) }
            assertTrue(error.detail.startsWith("(document)"), "$text: ${error.detail}")
        }
    }

    @Test
    fun `bad timelines name the path`() {
        val error = assertFailsWith<ItsmException.InvalidInput> {
            Timeline.fromJson(
                """{"id": "X", "created_at": "2026-11-23T09:00:00Z", "events": [
                     {"at": "2026-11-23T10:00:00Z", "type": "a"}, {"at": "2026-11-23T09:30:00Z", "type": "b"}]}""",
            )
        }
        assertEquals("invalid_input", error.code)
        assertEquals(
            "events[1].at: 2026-11-23T09:30:00.000Z is before the previous event's 2026-11-23T10:00:00.000Z: events must be in time order",
            error.detail,
        )
        val nested = assertFailsWith<ItsmException.InvalidInput> {
            Timeline.fromJson("""{"id": "X", "created_at": "2026-11-23T09:00:00Z", "fields": {"tags": ["a"]}}""")
        }
        assertEquals("fields.tags: a field value is a string, number, boolean or null", nested.detail)
        val unknown = assertFailsWith<ItsmException.InvalidInput> {
            Timeline.fromJson("""{"id": "X", "created_at": "2026-11-23T09:00:00Z", "history": []}""")
        }
        assertEquals("history: unknown field `history`, expected one of `id`, `created_at`, `fields`, `events`", unknown.detail)
    }

    @Test
    fun `documents round trip through toJson`() {
        val again = Timeline.fromJson(p3.toJson())
        assertEquals(p3.toJson(), again.toJson())
        assertEquals("INC-7", again.id())
        val copy = PolicySet.fromJson(itil.toJson())
        assertEquals(itil.toJson(), copy.toJson())
        val now = at("2026-11-24T12:00:00Z")
        assertEquals(itil.evaluateJson(p3, now), copy.evaluateJson(again, now))
    }

    @Test
    fun `templates by name`() {
        assertEquals(listOf("itil_incident", "assignment_group_ola"), slaTemplates())
        for (name in slaTemplates()) {
            val document = JsonParser.parseString(slaTemplate(name)).asJsonObject
            assertTrue(document.has("policies"), name)
            PolicySet.fromJson(slaTemplate(name)).use { assertEquals(emptyList(), it.lint(), name) }
        }
        val error = assertFailsWith<ItsmException.InvalidArgument> { slaTemplate("itil") }
        assertTrue(error.detail.contains("itil_incident, assignment_group_ola"), error.detail)
        assertFailsWith<ItsmException.InvalidArgument> { PolicySet.template("itil") }
        val pause = JsonParser.parseString(slaWaitingForCustomer()).asJsonObject
        assertEquals("awaiting_caller", pause.getAsJsonArray("all")[1].asJsonObject.getAsJsonObject("field_eq").get("value").asString)
    }

    @Test
    fun `lint finds the known traps`() {
        val set = PolicySet.fromJson(
            """{"states": ["new", "in_progress", "resolved"],
                "policies": [{"id": "p", "applies": {"always": true}, "metrics": [{
                  "id": "m", "goal": {"wall": "PT1H"},
                  "start": {"state_in": ["resolved"]}, "stop": {"state_in": ["resolved", "closed"]}}]}]}""",
        )
        val findings = set.lint()
        assertEquals(
            listOf("policies[0].metrics[0].start" to "start_inside_stop", "policies[0].metrics[0].stop" to "unknown_state"),
            findings.map { it.path to it.code },
        )
        assertTrue(findings.all { it.message.isNotBlank() })
    }

    // Availability

    private val service = Availability.fromJson(
        """{"target": 99.9,
            "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:43:12Z"}],
            "maintenance": [{"start": "2026-11-08T01:00:00Z", "end": "2026-11-08T03:00:00Z"}]}""",
    )

    @Test
    fun `availability report`() {
        val now = at("2026-12-01T00:00:00Z")
        val report = service.report("""{"month": "2026-11"}""", now)
        sameJson(typedJson(report), JsonParser.parseString(service.reportJson("""{"month": "2026-11"}""", now)))
            ?.let { fail("typed and JSON differ at $it") }
        assertEquals(at("2026-11-01T00:00:00Z"), report.periodStart)
        assertEquals(at("2026-12-01T00:00:00Z"), report.periodEnd)
        // 30 days less 2 hours of maintenance.
        val agreed = 30 * 86_400_000L - 7_200_000L
        assertEquals(agreed, report.agreedMs)
        assertEquals(agreed, report.agreedSoFarMs)
        assertEquals(2_592_000L, report.downtimeMs)
        assertEquals(99.9, report.targetPercent)
        assertEquals(agreed / 1000, report.allowedDowntimeMs)
        // 43.2 minutes would be exactly the budget of 30 full days; maintenance makes it 7.2 s too much.
        assertEquals(-7_200L, report.errorBudgetRemainingMs)
        assertFalse(report.met)
        assertEquals(1L, report.outagesCounted)
        assertEquals((agreed - 2_592_000L) * 100.0 / agreed, report.availabilityPercent)

        // Halfway through the month nothing has been counted after the 15th.
        val mid = service.report("""{"month": "2026-11"}""", at("2026-11-16T00:00:00Z"))
        assertEquals(agreed, mid.agreedMs)
        assertEquals(15 * 86_400_000L - 7_200_000L, mid.agreedSoFarMs)

        // A period that has not begun: no service time yet, so the target is met.
        val future = service.report("""{"from": "2027-01-01T00:00:00Z", "to": "2027-01-02T00:00:00Z"}""", now)
        assertEquals(0L, future.agreedSoFarMs)
        assertNull(future.availabilityPercent)
        assertNull(future.burnRate)
        assertTrue(future.met)

        val rolling = service.report("""{"rolling_days": 30}""", now)
        assertEquals(at("2026-11-01T00:00:00Z"), rolling.periodStart)
    }

    @Test
    fun `bad availability documents and periods name the field`() {
        assertEquals(JsonParser.parseString(Availability.fromJson(service.toJson()).toJson()), JsonParser.parseString(service.toJson()))
        val target = assertFailsWith<ItsmException.InvalidConfig> { Availability.fromJson("""{"target": 101}""") }
        assertTrue(target.detail.startsWith("target: "), target.detail)
        val now = at("2026-12-01T00:00:00Z")
        val month = assertFailsWith<ItsmException.InvalidConfig> { service.report("""{"month": "2026-13"}""", now) }
        assertTrue(month.detail.startsWith("month: "), month.detail)
        val text = assertFailsWith<ItsmException.InvalidConfig> { service.reportJson("month 11", now) }
        assertTrue(text.detail.startsWith("(document): not valid JSON"), text.detail)
        assertFailsWith<ItsmException.OutOfRange> { service.report("""{"rolling_days": 7}""", Instant.MAX) }
    }

    // Objects

    @Test
    fun `one policy set serves many threads`() {
        val now = at("2026-11-25T12:00:00Z")
        val expected = (0 until 50).map { itil.evaluateJson(p3, now.plusSeconds(60L * it)) }
        val pool = Executors.newFixedThreadPool(4)
        try {
            val results = (0 until 8).map {
                pool.submit(Callable { (0 until 50).map { itil.evaluateJson(p3, now.plusSeconds(60L * it)) } })
            }
            for (result in results) assertContentEquals(expected, result.get(60, TimeUnit.SECONDS))
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun `the README example runs`() {
        // Kept identical to the SLA example in bindings/mobile/README.md.
        val policies = PolicySet.template("itil_incident")
        val incident = Timeline.fromJson(
            """{"id": "INC-42", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "new", "priority": "P2"},
                "events": [{"at": "2026-11-23T09:20:00Z", "type": "update", "set": {"state": "in_progress"}}]}""")
        val now = Instant.parse("2026-11-23T12:00:00Z")
        val evaluation = policies.evaluate(incident, now)
        val resolution = evaluation.metrics.first { it.metric == "resolution" }.cycles.last()
        println("${resolution.status} ${resolution.elapsedMs} ms, due ${resolution.deadline}") // RUNNING 10800000 ms, due 2026-11-23T17:00:00Z
        println("next wakeup ${evaluation.nextWakeup}") // 2026-11-23T13:00:00Z: the 50 % threshold
        val stored: String = policies.evaluateJson(incident, now) // canonical JSON, the same in every language

        assertEquals(Status.RUNNING, resolution.status)
        assertEquals(10_800_000L, resolution.elapsedMs)
        assertEquals(at("2026-11-23T17:00:00Z"), resolution.deadline)
        assertEquals(at("2026-11-23T13:00:00Z"), evaluation.nextWakeup)
        assertEquals(Status.MET, evaluation.metrics.first { it.metric == "response" }.cycles.last().status)
        assertTrue(stored.startsWith("{") && stored.contains("\"record\":\"INC-42\""), stored)
    }
}
