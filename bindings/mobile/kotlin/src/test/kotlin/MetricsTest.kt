package itsm

import com.google.gson.JsonParser
import org.junit.jupiter.api.Test
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue

class MetricsTest {
    @Test
    fun `the README example`() {
        val metrics = Metrics.fromJson("""{"denominator": "closed_and_breached"}""")
        val records = """[{"id": "INC-1", "kind": "incident", "created_at": "2026-11-02T09:00:00Z", "resolved_at": "2026-11-02T13:00:00Z",
    "closed_at": "2026-11-04T09:00:00Z", "due_at": "2026-11-02T17:00:00Z"},
    {"id": "INC-2", "kind": "incident", "created_at": "2026-11-20T09:00:00Z", "due_at": "2026-11-20T17:00:00Z"}]"""
        val report: String = metrics.reportJson(records, """{"month": "2026-11"}""", Instant.parse("2026-12-01T00:00:00Z"))
        println(report.substringAfter("\"sla_compliance\":").substringBefore("}")) // {"denominator":2,"numerator":1,"value":0.5
        assertEquals("{\"denominator\":2,\"numerator\":1,\"value\":0.5", report.substringAfter("\"sla_compliance\":").substringBefore("}"))
    }

    /**
     * An app that keeps its incidents offline: November's figures from the facts it holds, as a
     * JSON list. INC-1 took 2 hours and met its deadline, INC-2 took 4 hours and missed it by one,
     * INC-3 is still open and not yet due.
     */
    @Test
    fun `an offline app's month figures`() {
        val metrics = Metrics.fromJson("""{"kinds": ["incident"]}""")
        val records = """[
            {"id": "INC-1", "kind": "incident", "created_at": "2026-11-02T09:00:00Z", "resolved_at": "2026-11-02T11:00:00Z",
             "closed_at": "2026-11-03T09:00:00Z", "due_at": "2026-11-02T17:00:00Z"},
            {"id": "INC-2", "kind": "incident", "created_at": "2026-11-03T09:00:00Z", "resolved_at": "2026-11-03T13:00:00Z",
             "closed_at": "2026-11-04T09:00:00Z", "due_at": "2026-11-03T12:00:00Z", "reassignments": 1},
            {"id": "INC-3", "kind": "incident", "created_at": "2026-11-30T09:00:00Z", "due_at": "2026-12-01T09:00:00Z"}]"""
        val json: String = metrics.reportJson(records, """{"month": "2026-11"}""", Instant.parse("2026-12-01T00:00:00Z"))
        val report = JsonParser.parseString(json).asJsonObject
        val mttr = report.getAsJsonObject("mttr_ms")
        assertEquals(21_600_000L to 2L, mttr.get("numerator").asLong to mttr.get("denominator").asLong)
        assertEquals(10_800_000.0, mttr.get("value").asDouble) // 3 hours
        val compliance = report.getAsJsonObject("sla_compliance")
        assertEquals(1L to 2L, compliance.get("numerator").asLong to compliance.get("denominator").asLong)
        assertEquals(0.5, compliance.get("value").asDouble)
        assertEquals(3, report.get("tickets").asInt)
        assertEquals(1, report.getAsJsonObject("backlog").get("records").asInt)
        assertEquals("2026-11-01T00:00:00.000Z", report.get("period_start").asString)
        assertEquals(canonicalJson(report), json)
    }

    @Test
    fun `a bad record is refused with the field it names`() {
        val metrics = Metrics.fromJson("{}")
        val bad = assertFailsWith<ItsmException.InvalidInput> {
            metrics.reportJson("""[{"id": "INC-1", "kind": "incident", "created_at": "Monday"}]""",
                """{"month": "2026-11"}""", Instant.parse("2026-12-01T00:00:00Z"))
        }
        assertEquals("invalid_input", bad.code)
        assertEquals("records[0].created_at: expected an RFC 3339 instant with an offset, found \"Monday\"", bad.detail)
        assertEquals("records[0].created_at", bad.document.path)
        val notAList = assertFailsWith<ItsmException.InvalidInput> {
            metrics.reportJson("""{"id": "INC-1"}""", """{"month": "2026-11"}""", Instant.parse("2026-12-01T00:00:00Z"))
        }
        assertEquals("records: expected an array of records, found an object", notAList.detail)
        val notJson = assertFailsWith<ItsmException.InvalidInput> {
            metrics.reportJson("[{", """{"month": "2026-11"}""", Instant.parse("2026-12-01T00:00:00Z"))
        }
        assertTrue(notJson.detail.startsWith("records: not valid JSON: "), notJson.detail)
    }

    @Test
    fun `documents read back, compare by what they say and refuse bad fields`() {
        val metrics = Metrics.fromJson("""{"by": "resolution", "denominator": "closed_and_breached"}""")
        assertEquals(metrics, Metrics.fromJson(metrics.toJson()))
        assertNotEquals(metrics, Metrics.fromJson("{}"))
        val business = assertFailsWith<ItsmException.InvalidConfig> { Metrics.fromJson("""{"time": "business"}""") }
        assertEquals("calendar: business time needs a calendar", business.detail)
        val period = assertFailsWith<ItsmException.InvalidConfig> {
            metrics.reportJson("[]", """{"month": "2026-13"}""", Instant.parse("2026-12-01T00:00:00Z"))
        }
        assertEquals("month: expected a month \"YYYY-MM\", found \"2026-13\"", period.detail)
        assertFailsWith<ItsmException.OutOfRange> {
            metrics.reportJson("[]", """{"month": "2026-11"}""", Instant.parse("2400-01-01T00:00:00Z"))
        }
    }
}
